-- The Overview's lede: what the most recent act announced against what it has delivered so far,
-- and the largest release any earlier act in our sources delivered. "Largest" compares lower
-- bounds, the most a bound lets us say. Each number also comes as its bounds, which the page words
-- in the reader's language (amnesty/wording.py); the *_text columns are the English.
with latest_act as (
    select act_id, title as act_title from acts order by act_date desc, act_id desc limit 1
),

latest as (
    select s.* from announced_vs_delivered as s join latest_act using (act_id)
),

earlier_release as (
    select s.* from announced_vs_delivered as s
    where s.series_id = 'delivered_released' and s.act_id <> (select act_id from latest_act)
    order by s.low desc nulls last, s.act_id
    limit 1
),


pivoted as (
    select
        max(value_text) filter (where series_id = 'announced_reach') as announced_reach_text,
        any_value(bounds) filter (where series_id = 'announced_reach') as announced_reach_bounds,
        any_value(bounds) filter (where series_id = 'announced_released') as announced_released_bounds,
        any_value(bounds) filter (where series_id = 'delivered_reach') as delivered_reach_bounds,
        any_value(bounds) filter (where series_id = 'delivered_released') as delivered_released_bounds,
        max(stage) filter (where series_id = 'announced_reach') as announced_reach_stage,
        max(as_of) filter (where series_id = 'announced_reach') as announced_reach_as_of,
        max(value_text) filter (where series_id = 'announced_released') as announced_released_text,
        max(value_text) filter (where series_id = 'delivered_reach') as delivered_reach_text,
        max(stage) filter (where series_id = 'delivered_reach') as delivered_reach_stage,
        max(as_of) filter (where series_id = 'delivered_reach') as delivered_reach_as_of,
        max(attributed_name) filter (where series_id = 'delivered_reach') as delivered_reach_by,
        max(value_text) filter (where series_id = 'delivered_released') as delivered_released_text,
        max(measure_label) filter (where series_id = 'delivered_released') as delivered_released_label,
        max(stage) filter (where series_id = 'delivered_released') as delivered_released_stage,
        max(as_of) filter (where series_id = 'delivered_released') as delivered_released_as_of
    from (
        select *, {'qualifier': qualifier, 'value': value, 'low': low, 'high': high, 'unit': unit,
                   'approximate': approximate} as bounds
        from latest where figure_id is not null
    )
),

final as (
    select
        la.act_title as latest_act_title,
        p.*,
        er.act_title as earlier_release_act_title,
        er.value_text as earlier_release_text,
        {'qualifier': er.qualifier, 'value': er.value, 'low': er.low, 'high': er.high, 'unit': er.unit,
         'approximate': er.approximate} as earlier_release_bounds,
        er.measure_label as earlier_release_label,
        er.stage as earlier_release_stage,
        er.as_of as earlier_release_as_of
    from latest_act as la
    cross join pivoted as p
    left join earlier_release as er on true
)

select * from final
