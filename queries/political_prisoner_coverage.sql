-- The 2025–26 act against the political-prisoner list: the list, the believers on it, those
-- released so far and those expected, each count with its share of the list beside it.
with counts (measure_id, count_rank, share_measure_id) as (
    values
        ('political_prisoners_listed', 1, null),
        ('political_prisoners_estimated', 2, null),
        ('religious_believers_listed', 3, 'believers_share_of_list'),
        ('political_prisoners_released', 4, 'coverage_share_of_list'),
        ('political_prisoners_released_expected_total', 5, 'expected_coverage_share_of_list')
),

-- The most recent act measured against a political-prisoner list (the 2025–26 act in the data).
list_act as (
    select f.act_id
    from all_figures as f
    join acts as a using (act_id)
    where f.measure_id = 'political_prisoners_listed'
    order by a.act_date desc, f.act_id desc
    limit 1
),

final as (
    select
        f.figure_id,
        f.act_id,
        f.act_title,
        f.measure_id,
        f.measure_label,
        f.stage,
        f.value,
        f.qualifier,
        f.low,
        f.high,
        f.unit,
        f.value_text,
        f.approximate,
        f.as_of,
        f.quote,
        f.quote_language,
        f.note,
        f.derived,
        f.derivation,
        f.attributed_name,
        share.value_text as share_of_list_text,
        share.low as share_of_list_low,
        share.high as share_of_list_high,
        -- the share's bounds, from which a chart words share_of_list_text in the reader's language
        case when share.figure_id is not null then {
            qualifier: share.qualifier, value: share.value, low: share.low, high: share.high,
            unit: share.unit, approximate: share.approximate
        } end as share_of_list_bounds,
        list_distinct(list_concat(coalesce(cr.credits, []), coalesce(share_cr.credits, [])))
            as credits,
        c.count_rank,
        -- the latest count of each measure: a monitor's later tally replaces its earlier one
        row_number() over (partition by f.measure_id order by f.as_of desc) as latest_rank
    from counts as c
    join all_figures as f on f.measure_id = c.measure_id and f.act_id = (select act_id from list_act)
    left join all_figures as share
        on share.measure_id = c.share_measure_id and share.act_id = f.act_id and share.as_of = f.as_of
    left join figure_credits as cr on cr.figure_id = f.figure_id
    left join figure_credits as share_cr on share_cr.figure_id = share.figure_id
)

select * exclude (latest_rank) from final
where latest_rank = 1
order by act_id, count_rank
