-- One act's figures as a breakdown: its announced reach, each release and relief category, and
-- the derived "not broken down" remainder (the part of the reach no category accounts for).
with act_figures as (
    select *
    from all_figures
    where act_id = $act_id
        and role in ('scope', 'release', 'relief', 'remainder')
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
        f.value,
        f.qualifier,
        f.low,
        f.high,
        f.unit,
        f.value_text,
        f.as_of,
        f.quote,
        f.note,
        f.derived,
        f.derivation,
        coalesce(cr.credits, []::varchar[]) as credits,
        case f.role when 'scope' then 1 when 'release' then 2 when 'relief' then 3 else 4 end
            as role_rank
    from act_figures as f
    left join figure_credits as cr using (figure_id)
)

select * from final
order by role_rank, coalesce(low, high) desc nulls last, measure_label
