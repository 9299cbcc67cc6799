-- The choices the Data page, the data URLs and the CLI offer: every act, measure, stage, qualifier
-- and source in use. Each facet's list is narrowed by the other facets' choices (an empty list is
-- no choice), so picking an act leaves only its measures; empty lists everywhere give every value.
--
-- The page asks for a screenful of acts, not every one (issue 16: at 10,000 acts it fetched 10,146
-- options): the newest $option_limit acts (null: every act) whose title or id holds $option_search
-- ('' for any) or whose title is in $option_titles (the English titles whose translation holds the
-- words), and always the ids in $option_keep (the reader's choices). The other lists are short
-- vocabularies and come whole.
with acts_in_use as (
    -- the ids first, then their titles and dates from acts: grouping a million rows by one column
    -- takes half the time of carrying two more along (issue 16)
    select 'act' as facet, a.act_id as option_id, a.title as option_label,
        -- act dates are ISO 8601 at the source's precision ('2016', '2023-05'), so text sorts by date
        a.act_date || ' ' || a.act_id as sort_key
    from (
        select distinct act_id
        from filtered_rows([], $measure_ids::varchar[], $stages::varchar[], $qualifiers::varchar[],
                           $source_ids::varchar[], $include_derived)
    ) as f
    join acts as a using (act_id)
),

measures_in_use as (
    -- the ids, then their labels from measures, as for the acts
    select 'measure', m.measure_id, m.label, m.label
    from (
        select distinct measure_id
        from filtered_rows($act_ids::varchar[], [], $stages::varchar[], $qualifiers::varchar[],
                           $source_ids::varchar[], $include_derived)
    ) as f
    join measures as m using (measure_id)
),

stages_in_use as (
    select distinct 'stage', stage, replace(stage, '_', ' '), stage
    from filtered_rows($act_ids::varchar[], $measure_ids::varchar[], [], $qualifiers::varchar[],
                       $source_ids::varchar[], $include_derived)
),

qualifiers_in_use as (
    select distinct 'qualifier', qualifier, replace(qualifier, '_', ' '), qualifier
    from filtered_rows($act_ids::varchar[], $measure_ids::varchar[], $stages::varchar[], [],
                       $source_ids::varchar[], $include_derived)
),

-- every source a figure has, first or further (filtered_rows keeps each figure's list of them)
sources_in_use as (
    select 'source', s.source_id, s.short_name, s.short_name
    from (
        select distinct unnest(source_ids) as source_id
        from filtered_rows($act_ids::varchar[], $measure_ids::varchar[], $stages::varchar[],
                           $qualifiers::varchar[], [], $include_derived)
    ) as f
    join sources as s using (source_id)
),

in_use as (
    select * from acts_in_use
    union all select * from measures_in_use
    union all select * from stages_in_use
    union all select * from qualifiers_in_use
    union all select * from sources_in_use
),

searched as (
    select *,
        row_number() over (partition by facet order by sort_key desc, option_id desc) as newest
    from in_use
    where facet <> 'act'
        or $option_search = ''
        or contains(lower(option_label), lower($option_search))
        or contains(option_id, lower($option_search))
        or list_contains($option_titles::varchar[], option_label)
),

final as (
    select facet, option_id, option_label, sort_key
    from searched
    where facet <> 'act' or $option_limit::bigint is null or newest <= $option_limit::bigint
    union
    select facet, option_id, option_label, sort_key
    from in_use
    where list_contains($option_keep::varchar[], option_id)
)

select * from final order by facet, sort_key, option_id;
