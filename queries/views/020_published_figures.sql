-- Every published number with its act, measure and sources spelled out. A figure's sources are
-- the one it was first recorded from (figures.source_id) and every further one in figure_sources;
-- it was published on the earliest of their dates.
create or replace table published_figures as
with further as (
    select figure_id, list(source_id order by source_id) as further_source_ids
    from figure_sources
    group by figure_id
),

final as (
    select
        f.figure_id,
        f.act_id,
        a.label as act_label,
        a.title as act_title,
        a.year,
        f.measure_id,
        m.label as measure_label,
        m.role,
        f.stage,
        f.value,
        f.qualifier,
        f.approximate,
        f.low,
        f.high,
        m.unit,
        f.as_of,
        f.as_of_inferred,
        hedged_text(f.approximate, f.qualifier, figure_text(f.qualifier, f.value, f.low, f.high, m.unit))
            as value_text,
        f.source_id,
        s.short_name as source_name,
        s.publisher as source_publisher,
        s.kind as source_kind,
        s.url as source_url,
        f.attributed_to,
        att.short_name as attributed_name,
        att.kind as attributed_kind,
        f.quote,
        -- the language a quote is in: its source's (a quote is never translated)
        case when f.quote is not null then s.language end as quote_language,
        f.qualifier_words,
        f.locator,
        list_prepend(f.source_id, coalesce(fs.further_source_ids, []::varchar[])) as source_ids,
        1 + len(coalesce(fs.further_source_ids, [])) as source_count,
        (select min(p.published) from sources as p
         where p.source_id = f.source_id or list_contains(fs.further_source_ids, p.source_id))
            as published,
        f.disagreement,
        f.note,
        false as derived,
        null::varchar as derivation,
        null::varchar[] as derived_from
    from figures as f
    join measures as m using (measure_id)
    join acts as a using (act_id)
    join sources as s on s.source_id = f.source_id
    left join sources as att on att.source_id = f.attributed_to
    left join further as fs using (figure_id)
)

select * from final;
