-- One act's figures as a breakdown: its reach, each release and relief category, and the derived
-- "not broken down" remainder (the part of the reach no category accounts for). Two breakdowns at
-- most: what the act announced (the draft's, or the law's where the draft gives none) and its
-- latest count of what it delivered. Earlier counts are on the act's timeline.
with act_figures as (
    select *, stage in ('announced', 'adopted') as promised
    from all_figures
    where act_id = $act_id
        and role in ('scope', 'release', 'relief', 'remainder')
        and stage <> 'expected'
),

chosen_groups as (
    select promised, stage, as_of
    from (select distinct promised, stage, as_of from act_figures)
    qualify row_number() over (
        partition by promised order by stage = 'announced' desc, as_of desc, stage = 'final' desc) = 1
),

final as (
    select
        f.figure_id,
        f.act_id,
        f.act_label,
        f.act_title,
        f.measure_id,
        f.measure_label,
        f.role,
        f.stage,
        f.promised,
        f.value,
        f.qualifier,
        f.low,
        f.high,
        f.unit,
        f.value_text,
        f.approximate,
        f.as_of,
        f.source_count,
        f.quote,
        f.quote_language,
        f.locator,
        f.note,
        f.derived,
        f.derivation,
        coalesce(cr.credits, []::varchar[]) as credits,
        case f.role when 'scope' then 1 when 'release' then 2 when 'relief' then 3 else 4 end
            as role_rank
    from act_figures as f
    join chosen_groups as g using (promised, stage, as_of)
    left join figure_credits as cr using (figure_id)
)

select * from final
order by promised desc, role_rank, coalesce(low, high) desc nulls last, measure_label
