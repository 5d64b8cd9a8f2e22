// Saved views: a named canvas (nodes by handle, their places, pinned and hidden flags, type filter, asOf), kept by
// the hub per user (GraphQL savedViews, savedView, saveView, deleteView). The state is this page's JSON; the hub
// stores it as given and shows it to its owner only.

export class SavedViews {
  /** @param call the page's GraphQL call (query, variables) → data */
  constructor(call) { this.call = call; }

  /** @return [{name, savedAt}] of the user's views, newest first */
  async list() {
    return (await this.call('{ savedViews { name savedAt } }')).savedViews;
  }

  /** @return the view's state object, or null when the user has no view of that name */
  async open(name) {
    const v = (await this.call('query($n: String!) { savedView(name: $n) { state } }', { n: name })).savedView;
    return v ? JSON.parse(v.state) : null;
  }

  /** Creates or replaces the user's view `name` with `state` (an object, sent as JSON text). */
  async save(name, state) {
    await this.call('mutation($n: String!, $s: String!) { saveView(name: $n, state: $s) { name } }', { n: name, s: JSON.stringify(state) });
  }

  /** Deletes the user's view `name`. */
  async delete(name) {
    await this.call('mutation($n: String!) { deleteView(name: $n) }', { n: name });
  }
}
