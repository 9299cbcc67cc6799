-- The tidy dataset, filtered (see views/060_filtered_figures.sql), in the dataset's order (oldest act
-- first: views/040_all_figures.sql).
select f.* exclude (dataset_order)
from filtered_figures(
    $act_ids::varchar[], $measure_ids::varchar[], $stages::varchar[], $qualifiers::varchar[],
    $source_ids::varchar[], $include_derived
) as f
order by f.dataset_order;
