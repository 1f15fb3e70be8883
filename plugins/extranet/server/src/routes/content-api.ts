/** /api/extranet/... — granted at bootstrap to the Authenticated and Extranet roles (SPEC §6). */
export default {
  type: 'content-api',
  routes: [
    { method: 'GET', path: '/workgroups', handler: 'workgroup.find' },
    { method: 'GET', path: '/workgroups/:id', handler: 'workgroup.findOne' },
    { method: 'GET', path: '/topics', handler: 'topic.find' },
    { method: 'GET', path: '/topics/:id', handler: 'topic.findOne' },
  ],
};
