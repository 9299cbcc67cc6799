-- The tidy dataset, filtered (see views/060_filtered_figures.sql), oldest act first.
select *
from filtered_figures(
    $act_ids::varchar[], $measure_ids::varchar[], $stages::varchar[], $qualifiers::varchar[], $source_ids::varchar[],
    $include_derived
)
order by year, act_id, derived, figure_id;
