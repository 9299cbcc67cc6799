-- One page of the filtered dataset, in the order of all_figures.sql: what the Data page shows,
-- with the qualifier in words for its readers (the files keep the code).
select f.* exclude (dataset_order), replace(f.qualifier, '_', ' ') as qualifier_text
from filtered_figures(
    $act_ids::varchar[], $measure_ids::varchar[], $stages::varchar[], $qualifiers::varchar[],
    $source_ids::varchar[], $include_derived
) as f
order by f.dataset_order
limit $row_limit::bigint offset $row_offset::bigint;
