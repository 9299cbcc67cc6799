-- How many sources give each published figure, and of what kind: the same number from an
-- AI-written article and from a state agency is not the same evidence. Stored by the build (as the
-- other derived relations are): at a million figures, grouping every figure's sources took about a
-- second per page of Sources & method (issue 16); queries/figure_corroboration.sql reads it.
create or replace table figure_corroboration as
with sources_per_figure as (
    select figure_id, source_id from figures
    union
    select figure_id, source_id from figure_sources
),

final as (
    select
        f.figure_id,
        f.act_title,
        f.measure_label,
        f.value_text,
        f.qualifier,
        f.value,
        f.low,
        f.high,
        f.unit,
        f.approximate,
        f.stage,
        f.as_of,
        count(*) as source_count,
        string_agg(c.credit_text, '; ' order by c.credit_text) as sources_text,
        -- the same credits as a list, which a page in another language words one by one
        list(c.credit_text order by c.credit_text) as credits,
        bool_or(s.ai_written) as any_ai_written,
        bool_and(s.ai_written) as only_ai_written,
        f.disagreement is not null as disputed
    from published_figures as f
    join sources_per_figure as sf using (figure_id)
    join sources as s on s.source_id = sf.source_id
    join source_credits as c on c.source_id = sf.source_id
    group by all
)

select * from final
-- stored in the page's order, so that a page reads rows already in place
order by act_title, as_of, measure_label, figure_id
