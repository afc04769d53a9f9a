// Three-member replica set (compose): w=majority writes survive one member down, and transactions and change
// streams have the replica set they need. Run by mongo-1's healthcheck: initiates once, then does nothing.
try {
  rs.status();
} catch (e) {
  rs.initiate({
    _id: "rs0",
    members: [
      { _id: 0, host: "mongo-1:27017", priority: 2 },
      { _id: 1, host: "mongo-2:27017", priority: 1 },
      { _id: 2, host: "mongo-3:27017", priority: 1 },
    ],
  });
}
