-- Every derived figure with the arithmetic it comes from, for the method page.
with final as (
    select
        figure_id, act_id, act_title, measure_label, stage, qualifier, value_text, derivation,
        derived_from
    from derived_figures
)

select * from final
order by act_id, measure_label
