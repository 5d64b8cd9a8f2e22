// Person 360, hand-written: the answer of person360.graphql, shaped the same (one row, column result).
// Parameter: $idNumber.
MATCH (p:Person {idNumber: $idNumber})
RETURN p {
  .idNumber, .name, .gender, .birthDate,
  household: COLLECT {
    MATCH (p)-[:MEMBER_OF]->(h:Household)
    RETURN h {
      .householdNumber,
      members: COLLECT { MATCH (h)<-[m:MEMBER_OF]-(x:Person) RETURN x { .idNumber, .name, relationToHead: m.relationToHead } }
    }
  }[0],
  vehicles: COLLECT { MATCH (p)-[:OWNS]->(v:Vehicle) RETURN v { .plate, .brand, .registeredOn } },
  cases: COLLECT { MATCH (p)<-[:REPORTED_BY]-(k:Case) RETURN k { .caseNumber, .category, .status, .reportedAt } },
  address: COLLECT {
    MATCH (p)-[:RESIDES_AT]->(a:Address)
    OPTIONAL MATCH (a)-[:IN_COMMUNITY]->(c:Community)-[:IN_SUBDISTRICT]->(s:Subdistrict)-[:IN_DISTRICT]->(d:District)
    RETURN a { .text, community: CASE WHEN c IS NULL THEN null ELSE c { .code, .name,
      subdistrict: s { .code, .name, district: d { .code, .name } } } END }
  }[0]
} AS result
