-- The choices the Data page, the data URLs and the CLI offer: every act, measure, stage, qualifier
-- and source in use. Each facet's list is narrowed by the other facets' choices (an empty list is
-- no choice), so picking an act leaves only its measures; empty lists everywhere give every value.
with acts_in_use as (
    select distinct 'act' as facet, f.act_id as option_id, f.act_title as option_label,
        -- act dates are ISO 8601 at the source's precision ('2016', '2023-05'), so text sorts by date
        a.act_date || ' ' || f.act_id as sort_key
    from filtered_figures([], $measure_ids::varchar[], $stages::varchar[], $qualifiers::varchar[],
                          $source_ids::varchar[], $include_derived) as f
    join acts as a using (act_id)
),

measures_in_use as (
    select distinct 'measure', measure_id, measure_label, measure_label
    from filtered_figures($act_ids::varchar[], [], $stages::varchar[], $qualifiers::varchar[],
                          $source_ids::varchar[], $include_derived)
),

stages_in_use as (
    select distinct 'stage', stage, replace(stage, '_', ' '), stage
    from filtered_figures($act_ids::varchar[], $measure_ids::varchar[], [], $qualifiers::varchar[],
                          $source_ids::varchar[], $include_derived)
),

qualifiers_in_use as (
    select distinct 'qualifier', qualifier, replace(qualifier, '_', ' '), qualifier
    from filtered_figures($act_ids::varchar[], $measure_ids::varchar[], $stages::varchar[], [],
                          $source_ids::varchar[], $include_derived)
),

-- every source a figure has, first or further (the macro gives them '; '-joined, as the files do)
sources_in_use as (
    select distinct 'source', s.source_id, s.short_name, s.short_name
    from filtered_figures($act_ids::varchar[], $measure_ids::varchar[], $stages::varchar[],
                          $qualifiers::varchar[], [], $include_derived) as f,
        unnest(string_split(f.source_ids, '; ')) as given(source_id)
    join sources as s using (source_id)
),

final as (
    select * from acts_in_use
    union all select * from measures_in_use
    union all select * from stages_in_use
    union all select * from qualifiers_in_use
    union all select * from sources_in_use
)

select * from final order by facet, sort_key, option_id;
