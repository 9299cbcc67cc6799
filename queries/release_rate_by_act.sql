-- Each act's release rate (people released as a share of its announced reach), one row per act.
-- An act with no published reach has no rate at all: it stays a row, marked "not given".
-- Only the $act_limit most recent acts are drawn; acts_total says how many there are.
with shown_acts as (
    select *, count(*) over () as acts_total
    from acts
    qualify row_number() over (order by act_date desc, act_id desc) <= $act_limit::bigint
),

rates as (
    select *
    from derived_figures
    where measure_id = 'release_rate'
),

final as (
    select
        a.act_id,
        a.label as act_label,
        a.title as act_title,
        a.year,
        a.act_date,
        a.acts_total,
        r.figure_id,
        coalesce(r.measure_label, m.label) as measure_label,
        r.stage,
        r.value,
        coalesce(r.qualifier, 'unknown') as qualifier,
        r.low,
        r.high,
        m.unit,
        coalesce(r.value_text, 'not given') as value_text,
        r.approximate,
        r.as_of,
        r.derivation,
        r.figure_id is not null as has_reach,
        coalesce(cr.credits, []::varchar[]) as credits
    from shown_acts as a
    cross join (select label, unit from measures where measure_id = 'release_rate') as m
    left join rates as r on r.act_id = a.act_id
    left join figure_credits as cr on cr.figure_id = r.figure_id
)

-- Within an act, its rates in the order of the counts they come from.
select * from final
order by act_date, act_id, as_of, figure_id
