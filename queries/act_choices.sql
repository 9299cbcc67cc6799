-- The acts the Act detail box offers: the newest $limit whose title or id holds the search words
-- ('' for any), or whose title is one of $titles (the English titles whose translation holds them,
-- for a reader searching in Azerbaijani or Russian), and always the act already chosen, newest
-- first. At 10,000 acts the box carries a page of them to the browser, not every act (issue 16:
-- rows fetched against rows shown).
with final as (
    select *
    from act_listing
    where act_id = $chosen
        or contains(lower(act_title), lower($search))
        or contains(act_id, lower($search))
        or list_contains($titles::varchar[], act_title)
    order by act_id = $chosen desc, act_date desc, act_id desc
    limit $limit::bigint
)

select * from final
order by act_date desc, act_id desc
