-- The Overview's lede: what the latest act announced, against the largest release and the largest
-- reach any earlier act reports. "Largest" compares lower bounds, the most a bound lets us say.
with scale as (
    select * from all_figures where role in ('scope', 'release')
),

latest_act as (
    select act_id, title as act_title from acts order by act_date desc limit 1
),

latest_scope as (
    select s.* from scale as s join latest_act using (act_id) where s.role = 'scope'
    order by s.low desc nulls last limit 1
),

latest_release as (
    select s.* from scale as s join latest_act using (act_id)
    where s.role = 'release' and s.measure_id <> 'released_total'
    order by s.low desc nulls last limit 1
),

earlier_release as (
    select s.* from scale as s
    where s.role = 'release' and s.stage = 'reported' and s.act_id <> (select act_id from latest_act)
        -- an act's total, not one of its categories, where the build derived a total
        and not exists (
            select 1 from scale as t
            where t.act_id = s.act_id and t.measure_id = 'released_total' and s.measure_id <> 'released_total')
    order by s.low desc nulls last limit 1
),

earlier_scope as (
    select s.* from scale as s
    where s.role = 'scope' and s.act_id <> (select act_id from latest_act)
    order by s.low desc nulls last limit 1
),

final as (
    select
        la.act_title as latest_act_title,
        ls.value_text as latest_scope_text,
        ls.measure_label as latest_scope_label,
        ls.stage as latest_scope_stage,
        lr.value_text as latest_release_text,
        lr.measure_label as latest_release_label,
        lr.stage as latest_release_stage,
        er.act_title as earlier_release_act_title,
        er.value_text as earlier_release_text,
        es.act_title as earlier_scope_act_title,
        es.value_text as earlier_scope_text
    from latest_act as la
    left join latest_scope as ls on true
    left join latest_release as lr on true
    left join earlier_release as er on true
    left join earlier_scope as es on true
)

select * from final
