-- Every published number with its act, measure and source spelled out.
create or replace table published_figures as
with final as (
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
        f.low,
        f.high,
        m.unit,
        f.as_of,
        figure_text(f.qualifier, f.value, f.low, f.high, m.unit) as value_text,
        f.source_id,
        s.short_name as source_name,
        s.publisher as source_publisher,
        s.kind as source_kind,
        f.attributed_to,
        att.short_name as attributed_name,
        att.kind as attributed_kind,
        f.quote,
        f.note,
        false as derived,
        null::varchar as derivation,
        null::varchar[] as derived_from
    from figures as f
    join measures as m using (measure_id)
    join acts as a using (act_id)
    join sources as s on s.source_id = f.source_id
    left join sources as att on att.source_id = f.attributed_to
)
select * from final;
