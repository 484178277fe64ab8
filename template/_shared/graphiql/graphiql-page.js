// Mounts GraphiQL on /graphql. fetch() sends the session cookie to this same origin by default;
// with auth = jwt, put {"Authorization": "Bearer <accessToken>"} in the Headers tab, and with
// auth = session {"X-CSRF-Token": "<csrfToken from the login mutation>"} for mutations.
(function mountGraphiQL() {
  var fetcher = GraphiQL.createFetcher({ url: "/graphql" });
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultEditorToolsVisibility: true,
      defaultQuery: "{\n  todos(limit: 5) {\n    total\n    items { id title done createdAt }\n  }\n}\n",
    })
  );
})();
