-- One row per act and series: what the act was said to reach (role 'scope') against how many it
-- released (the derived all-categories total where there are several release categories, else the
-- one published release figure). A series no source gives is still a row, with no figure, so the
-- chart can say "not given" instead of drawing nothing or a zero. Only the $act_limit most recent
-- acts are drawn (a chart of ten thousand acts is unreadable); acts_total says how many there are.
with shown_acts as (
    select *, count(*) over () as acts_total
    from acts
    qualify row_number() over (order by act_date desc, act_id desc) <= $act_limit::bigint
),

series (series_id, series_rank, series_label) as (
    values
        ('reach', 1, 'Reach (affected or covered)'),
        ('released', 2, 'Released')
),

release_parts as (
    select act_id, stage, count(*) as part_count
    from all_figures
    where role = 'release' and not derived
    group by act_id, stage
),

candidates as (
    select 'reach' as series_id, f.*
    from all_figures as f
    where f.role = 'scope' and not f.derived
    union all by name
    select 'released' as series_id, f.*
    from all_figures as f
    join release_parts as p using (act_id, stage)
    where f.role = 'release'
        and (f.measure_id = 'released_total' or (not f.derived and p.part_count = 1))
),

-- Where an act has both an announced and a reported figure, the reported outcome wins.
chosen as (
    select *
    from candidates
    qualify row_number() over (
        partition by act_id, series_id order by stage = 'reported' desc, stage) = 1
),

final as (
    select
        a.act_id,
        a.label as act_label,
        a.title as act_title,
        a.year,
        a.act_date,
        a.acts_total,
        s.series_id,
        s.series_rank,
        s.series_label,
        c.figure_id,
        c.measure_id,
        coalesce(c.measure_label, s.series_label) as measure_label,
        c.stage,
        c.value,
        coalesce(c.qualifier, 'unknown') as qualifier,
        c.low,
        c.high,
        coalesce(c.unit, 'persons') as unit,
        coalesce(c.value_text, 'not given') as value_text,
        c.as_of,
        c.quote,
        c.derived,
        c.derivation,
        coalesce(cr.credits, []::varchar[]) as credits
    from shown_acts as a
    cross join series as s
    left join chosen as c on c.act_id = a.act_id and c.series_id = s.series_id
    left join figure_credits as cr on cr.figure_id = c.figure_id
)

select * from final
order by act_date, act_id, series_rank
