-- The tidy dataset, filtered: one row per published or derived number, with its qualifier,
-- bounds, source and verbatim quote. An empty filter list means "no filter".
with filtered as (
    select *
    from all_figures
    where (len($act_ids::varchar[]) = 0 or list_contains($act_ids::varchar[], act_id))
        and (len($measure_ids::varchar[]) = 0 or list_contains($measure_ids::varchar[], measure_id))
        and (len($qualifiers::varchar[]) = 0 or list_contains($qualifiers::varchar[], qualifier))
        and (len($source_ids::varchar[]) = 0 or list_contains($source_ids::varchar[], source_id))
        and ($include_derived or not derived)
),

final as (
    select
        figure_id,
        act_id,
        act_title,
        year,
        measure_id,
        measure_label,
        stage,
        value,
        qualifier,
        low,
        high,
        unit,
        value_text,
        as_of,
        source_id,
        source_name,
        source_publisher,
        source_kind,
        attributed_to,
        attributed_name,
        quote,
        note,
        derived,
        derivation,
        derived_from
    from filtered
    order by year, act_id, derived, figure_id
)

select * from final;
