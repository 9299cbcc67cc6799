-- Every derived figure with the arithmetic it comes from, for the method page.
with final as (
    select
        figure_id, act_id, act_title, measure_label, stage, qualifier, value_text, derivation,
        derived_from
    from derived_figures
)

select * from final
-- figure_id last: a total order, so a page of these rows is always the same rows
order by act_id, measure_label, figure_id
