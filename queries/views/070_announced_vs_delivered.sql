-- For each act, what it announced (its reach and its releases, from the draft or the initiative,
-- or the law as passed where no draft number is given) and what it delivered (the latest count of
-- its reach and of its releases), one row per act and series that the sources give.
create or replace table announced_vs_delivered as
with staged as (
    select *, stage in ('announced', 'adopted') as promised
    from all_figures
    where stage not in ('expected')
),

-- An act with several release categories at one stage and date is drawn by their derived total.
release_parts as (
    select act_id, stage, as_of, count(*) as part_count
    from staged
    where role = 'release' and not derived and measure_id <> 'released'
    group by act_id, stage, as_of
),

candidates as (
    select case when f.promised then 'announced_reach' else 'delivered_reach' end as series_id, f.*
    from staged as f
    where f.role = 'scope' and not f.derived
    union all by name
    select case when f.promised then 'announced_released' else 'delivered_released' end as series_id, f.*
    from staged as f
    left join release_parts as p using (act_id, stage, as_of)
    where f.role = 'release'
        and (f.measure_id in ('released_total', 'released') or (not f.derived and p.part_count = 1))
),

-- What was announced is the draft's own number (the law as passed where no draft number is
-- given); what was delivered is the latest count, final over interim on the same day, a source's
-- own total over our derived sum.
chosen as (
    select *
    from candidates
    qualify row_number() over (
        partition by act_id, series_id
        order by stage = 'announced' desc, as_of desc, stage = 'final' desc, derived) = 1
)

select
    series_id,
    series_id like 'announced%' as promised,
    chosen.* exclude (series_id, promised)
from chosen;
