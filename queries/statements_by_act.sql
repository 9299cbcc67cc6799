-- What sources claim about an act in words, and the caveats a reader needs, each with its source.
with final as (
    select
        st.statement_id,
        st.act_id,
        st.kind,
        st.statement,
        st.quote,
        (select s.language from sources as s where s.source_id = st.source_id and st.quote is not null)
            as quote_language,
        st.locator,
        c.credit_text as source_credit,
        att.credit_text as attributed_credit
    from statements as st
    join source_credits as c on c.source_id = st.source_id
    left join source_credits as att on att.source_id = st.attributed_to
    where st.act_id = $act_id
)

select * from final
order by kind, statement_id
