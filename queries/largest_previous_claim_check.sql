-- The press article says the 2025–26 act "more than doubles the largest previous total". Its own
-- figures cannot carry that: checked here with bounds, never asserted in prose with typed numbers.
-- The claim holds for sure only if the new reach's lower bound exceeds twice the old reach's upper
-- bound; it is refuted only if the new upper bound is at most twice the old lower bound.
with scopes as (
    select * from published_figures where role = 'scope'
),

latest as (
    select s.* from scopes as s
    join acts as a using (act_id)
    order by a.act_date desc limit 1
),

largest_previous as (
    select * from scopes
    where act_id <> (select act_id from latest)
    order by low desc nulls last limit 1
),

final as (
    select
        l.act_title as latest_act_title,
        l.value_text as latest_scope_text,
        p.act_title as previous_act_title,
        p.value_text as previous_scope_text,
        figure_text(qualifier_for_bounds(2 * p.low, 2 * p.high), 2 * p.low, 2 * p.low, 2 * p.high, p.unit)
            as twice_previous_text,
        format('{:.2f}', l.low / p.low) as stated_ratio_text,
        case
            when l.low > 2 * p.high then 'supported'
            when l.high <= 2 * p.low then 'refuted'
            else 'not supported by the figures given'
        end as verdict,
        l.quote as latest_quote,
        p.quote as previous_quote
    from latest as l
    cross join largest_previous as p
)

select * from final
