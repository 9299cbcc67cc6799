-- Which of the given act ids the database holds: a link naming one act's figure is checked against
-- that act alone, not against a list of every act.
select act_id from acts
where list_contains($act_ids::varchar[], act_id)
order by act_date, act_id
