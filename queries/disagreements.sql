-- Every figure its sources disagree about, one row per source: what the figure records, and how
-- each source reads it (its own words for what is counted, or its qualifier), side by side.
with disputed as (
    select * from published_figures where disagreement is not null
),

sides as (
    select d.figure_id, d.source_id, 1 as side_rank, d.measure_label as reading,
        d.qualifier_words, d.quote, d.locator
    from disputed as d
    union all
    select fs.figure_id, fs.source_id, 2, coalesce(fs.reading, d.measure_label), fs.qualifier_words,
        fs.quote, fs.locator
    from figure_sources as fs
    join disputed as d using (figure_id)
),

final as (
    select
        d.figure_id,
        d.act_title,
        d.measure_label,
        d.value_text,
        d.as_of,
        d.disagreement,
        c.credit_text as source_credit,
        src.url as source_url,
        s.side_rank,
        s.reading,
        s.qualifier_words,
        s.quote,
        s.locator
    from sides as s
    join disputed as d using (figure_id)
    join source_credits as c on c.source_id = s.source_id
    join sources as src on src.source_id = s.source_id
)

select * from final
order by act_title, figure_id, side_rank, source_credit
