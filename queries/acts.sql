-- Every act, oldest first, with its dates and the source that describes it.
select * from act_listing
order by act_date, act_id
