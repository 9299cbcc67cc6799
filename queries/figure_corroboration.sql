-- How many sources give each published figure, and of what kind (stored by the build:
-- queries/views/090_figure_corroboration.sql).
select * from figure_corroboration
-- figure_id last: a total order, so a page of these rows is always the same rows
order by act_title, as_of, measure_label, figure_id
