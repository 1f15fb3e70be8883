/** pg ships no types and @types/pg is not installed: the test helpers use its Client untyped. */
declare module 'pg';
