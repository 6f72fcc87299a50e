/** Turkish texts of the messaging outbox pages (`messaging:outbox.*`). */
export const outboxTr = {};
