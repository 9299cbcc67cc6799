-- The tidy dataset, filtered: one row per published or derived number, with its qualifier, bounds,
-- source and verbatim quote, in the export's column order. An empty filter list means "no filter".
-- The filters are those of amnesty/bundle.py's FACETS, in that order.
-- A table macro, so that the full export, one page of it and its row count share one filter.
create or replace macro filtered_figures(act_ids, measure_ids, stages, qualifiers, source_ids,
                                          include_derived)
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
from all_figures
where (len(act_ids::varchar[]) = 0 or list_contains(act_ids::varchar[], act_id))
    and (len(measure_ids::varchar[]) = 0 or list_contains(measure_ids::varchar[], measure_id))
    and (len(stages::varchar[]) = 0 or list_contains(stages::varchar[], stage))
    and (len(qualifiers::varchar[]) = 0 or list_contains(qualifiers::varchar[], qualifier))
    and (len(source_ids::varchar[]) = 0 or list_contains(source_ids::varchar[], source_id))
    and (include_derived or not derived);
