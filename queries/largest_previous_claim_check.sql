-- The AI-written article says the 2025–26 act "more than doubles the largest previous total"
-- without saying which total. Both readings are checked with bounds, one row each: the act's
-- announced reach against the largest reach any earlier act delivered, and its announced releases
-- against the largest release any earlier act delivered. A reading holds for sure only if the new
-- lower bound exceeds twice the old upper bound; it is refuted only if the new upper bound is at
-- most twice the old lower bound; otherwise the figures given cannot settle it. The same check is
-- run on what the act had delivered by its latest count. The words are the English; the codes and
-- bounds beside them let amnesty/method_words.py word them in the reader's language.
with latest_act as (
    select act_id, title as act_title from acts order by act_date desc, act_id desc limit 1
),

readings (reading_rank, reading, new_series, old_series) as (
    values
        (1, 'announced reach against reach', 'announced_reach', 'delivered_reach'),
        (2, 'announced releases against releases', 'announced_released', 'delivered_released'),
        -- the claim was made of the draft; what the act has delivered so far is checked too
        (3, 'delivered reach so far against reach', 'delivered_reach', 'delivered_reach'),
        (4, 'delivered releases so far against releases', 'delivered_released', 'delivered_released')
),

new_figures as (
    select r.reading_rank, s.*
    from readings as r
    join announced_vs_delivered as s on s.series_id = r.new_series
    where s.act_id = (select act_id from latest_act)
),

largest_previous as (
    select r.reading_rank, s.*
    from readings as r
    join announced_vs_delivered as s on s.series_id = r.old_series
    where s.act_id <> (select act_id from latest_act)
    qualify row_number() over (partition by r.reading_rank order by s.low desc nulls last, s.act_id) = 1
),

final as (
    select
        r.reading_rank,
        r.reading,
        la.act_title as latest_act_title,
        n.value_text as latest_text,
        {'qualifier': n.qualifier, 'value': n.value, 'low': n.low, 'high': n.high, 'unit': n.unit,
         'approximate': n.approximate} as latest_bounds,
        n.measure_label as latest_label,
        n.stage as latest_stage,
        n.as_of as latest_as_of,
        p.act_title as previous_act_title,
        p.value_text as previous_text,
        {'qualifier': p.qualifier, 'value': p.value, 'low': p.low, 'high': p.high, 'unit': p.unit,
         'approximate': p.approximate} as previous_bounds,
        p.measure_label as previous_label,
        p.stage as previous_stage,
        figure_text(qualifier_for_bounds(2 * p.low, 2 * p.high), 2 * p.low, 2 * p.low, 2 * p.high, p.unit)
            as twice_previous_text,
        {'qualifier': qualifier_for_bounds(2 * p.low, 2 * p.high), 'value': 2 * p.low, 'low': 2 * p.low,
         'high': 2 * p.high, 'unit': p.unit, 'approximate': false} as twice_previous_bounds,
        case
            when n.low > 2 * p.high then 'supported'
            when n.high <= 2 * p.low then 'refuted'
            else 'not settled by the figures given'
        end as verdict,
        case
            when n.low > 2 * p.high then 'supported'
            when n.high <= 2 * p.low then 'refuted'
            else 'not_settled'
        end as verdict_id
    from readings as r
    cross join latest_act as la
    join new_figures as n using (reading_rank)
    join largest_previous as p using (reading_rank)
)

select * from final
order by reading_rank
