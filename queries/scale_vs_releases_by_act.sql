-- One row per act and series: what each act announced (its reach and its releases, from the draft,
-- the initiative or the law as passed) against what it delivered (the latest count of its reach and
-- of its releases). A series no source gives is still a row, with no figure, so the chart can say
-- "not given" instead of drawing nothing or a zero. Only the $act_limit most recent acts are drawn
-- (a chart of ten thousand acts is unreadable); acts_total says how many there are.
with shown_acts as (
    select *, count(*) over () as acts_total
    from acts
    qualify row_number() over (order by act_date desc, act_id desc) <= $act_limit::bigint
),

-- The series' names are words, so the chart's builder gives them in the reader's language.
series (series_id, series_rank, promised) as (
    values
        ('announced_reach', 1, true),
        ('delivered_reach', 2, false),
        ('announced_released', 3, true),
        ('delivered_released', 4, false)
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
        s.promised,
        c.figure_id,
        c.measure_id,
        c.measure_label,
        c.stage,
        c.value,
        coalesce(c.qualifier, 'unknown') as qualifier,
        c.approximate,
        c.low,
        c.high,
        coalesce(c.unit, 'persons') as unit,
        coalesce(c.value_text, 'not given') as value_text,
        c.as_of,
        c.published,
        c.source_count,
        c.quote,
        c.quote_language,
        c.locator,
        c.derived,
        c.derivation,
        coalesce(cr.credits, []::varchar[]) as credits
    from shown_acts as a
    cross join series as s
    left join announced_vs_delivered as c on c.act_id = a.act_id and c.series_id = s.series_id
    left join figure_credits as cr on cr.figure_id = c.figure_id
)

select * from final
order by act_date, act_id, series_rank
