-- The tidy dataset, filtered: one row per published or derived number, with its qualifier, bounds,
-- stage, dates, sources (how many, and which) and verbatim quote or locator, in the export's column
-- order. An empty filter list means "no filter". The filters are those of amnesty/filters.py's
-- FACETS, in that order.
-- Table macros, so that the full export, one page of it, its row count and the filter lists share
-- one filter: filtered_rows keeps all_figures' own columns (its source_ids a list, for a query that
-- wants each source without joining and splitting a million strings, as queries/filter_options.sql
-- does); filtered_figures gives them as the files have them.
create or replace macro filtered_rows(act_ids, measure_ids, stages, qualifiers, source_ids, include_derived)
as table
select *
from all_figures
where (len(act_ids::varchar[]) = 0 or list_contains(act_ids::varchar[], act_id))
    and (len(measure_ids::varchar[]) = 0 or list_contains(measure_ids::varchar[], measure_id))
    and (len(stages::varchar[]) = 0 or list_contains(stages::varchar[], stage))
    and (len(qualifiers::varchar[]) = 0 or list_contains(qualifiers::varchar[], qualifier))
    -- a source keeps every figure it gives, first or further (all_figures.source_ids is the list;
    -- the bare name is this macro's parameter)
    and (len(source_ids::varchar[]) = 0 or list_has_any(all_figures.source_ids, source_ids::varchar[]))
    and (include_derived or not derived);

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
    approximate,
    low,
    high,
    unit,
    value_text,
    as_of,
    as_of_inferred,
    published,
    source_count,
    -- qualified: the bare name is the macro's source_ids parameter, not the column
    array_to_string(kept.source_ids, '; ') as source_ids,
    source_id,
    source_name,
    source_publisher,
    source_kind,
    source_url,
    attributed_to,
    attributed_name,
    quote,
    quote_language,
    qualifier_words,
    locator,
    disagreement,
    note,
    derived,
    derivation,
    derived_from,
    -- last, and left out of the files: the rows' order (views/040_all_figures.sql)
    dataset_order
from filtered_rows(act_ids, measure_ids, stages, qualifiers, source_ids, include_derived) as kept;
