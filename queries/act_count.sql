-- How many acts the sources hold: the Overview says so without fetching every act.
select count(*) as act_count from acts
