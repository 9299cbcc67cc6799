-- Every source with its kind, reliability note and how many published figures rest on it,
-- stored by the build: the Sources & method page lists them all (queries/sources.sql) and the
-- Data page's citation those its view rests on (queries/sources_in_view.sql).
create or replace table source_listing as
with figure_counts as (
    select source_id, count(*) as figures_read_here
    from (select source_id from figures union all select source_id from figure_sources)
    group by source_id
),

attributed_counts as (
    select attributed_to as source_id, count(*) as figures_attributed
    from figures
    where attributed_to is not null
    group by attributed_to
),

final as (
    select
        s.source_id,
        s.short_name,
        s.publisher,
        s.author,
        s.title,
        s.published,
        s.published_inferred,
        s.accessed,
        s.url,
        s.language,
        s.kind,
        c.kind_text,
        s.secondary,
        s.ai_written,
        via.short_name as reported_in_name,
        s.snapshot,
        s.reliability_note,
        c.credit_text,
        coalesce(fc.figures_read_here, 0) as figures_read_here,
        coalesce(ac.figures_attributed, 0) as figures_attributed
    from sources as s
    join source_credits as c using (source_id)
    left join sources as via on via.source_id = s.reported_in
    left join figure_counts as fc using (source_id)
    left join attributed_counts as ac using (source_id)
)

select * from final
