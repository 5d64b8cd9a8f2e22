// Community list, hand-written: the answer of community.graphql, shaped the same (one row, column result).
// Parameter: $code.
MATCH (c:Community {code: $code})
RETURN c {
  .code, .name,
  addresses: COLLECT {
    MATCH (c)<-[:IN_COMMUNITY]-(a:Address)
    RETURN a { .text, residents: COLLECT { MATCH (a)<-[:RESIDES_AT]-(x:Person) RETURN x { .idNumber, .name, .gender, .birthDate } } }
  }
} AS result
