-- The tidy dataset, filtered: one row per published or derived number, with its qualifier, bounds,
-- stage, dates, sources (how many, and which) and verbatim quote or locator, in the export's column order. An empty filter list means "no filter".
-- A table macro, so that the full export, one page of it and its row count share one filter.
create or replace macro filtered_figures(act_ids, measure_ids, qualifiers, source_ids, include_derived)
as table
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
    approximate,
    low,
    high,
    unit,
    value_text,
    as_of,
    as_of_inferred,
    published,
    source_count,
    array_to_string(source_ids, '; ') as source_ids,
    source_id,
    source_name,
    source_publisher,
    source_kind,
    source_url,
    attributed_to,
    attributed_name,
    quote,
    qualifier_words,
    locator,
    disagreement,
    note,
    derived,
    derivation,
    derived_from
from all_figures
where (len(act_ids::varchar[]) = 0 or list_contains(act_ids::varchar[], act_id))
    and (len(measure_ids::varchar[]) = 0 or list_contains(measure_ids::varchar[], measure_id))
    and (len(qualifiers::varchar[]) = 0 or list_contains(qualifiers::varchar[], qualifier))
    and (len(source_ids::varchar[]) = 0 or list_contains(source_ids::varchar[], source_id))
    and (include_derived or not derived);
