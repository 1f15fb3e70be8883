import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import type {
  ArchiveWorkgroup,
  CreateInvitation,
  CreateWorkgroup,
  FindUsers,
  GetActivity,
  GetExplanation,
  GetGovernancePeople,
  GetViewAsWorkgroup,
  GetAdminUsers,
  GetInvitations,
  GetItemAudience,
  GetMembers,
  GetPeople,
  GetSeats,
  GetTopics,
  GetWorkgroup,
  GetWorkgroups,
  InvitationAction,
  MemberAction,
  PersonAction,
  SaveTopic,
  SetManagers,
  UpdateMember,
  UpdatePerson,
  UpdatePersonAccess,
  UpdateWorkgroup,
} from '../../../shared/contracts';
import { ADMIN_API } from '../constants';

const query = (params: Record<string, unknown>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

/** The admin JSON API of the plugin (`/extranet/manage/...`), typed by shared/contracts. */
export const useExtranetApi = () => {
  const { get, post, put, del } = useFetchClient();
  return React.useMemo(() => {
    // Each call answers the response's body, as its contract types it; a 204 answers nothing.
    const read = async <R>(path: string) => (await get<R>(`${ADMIN_API}${path}`)).data;
    const send = async <R>(path: string, body?: unknown) => (await post<R>(`${ADMIN_API}${path}`, body)).data;
    const write = async <R>(path: string, body: unknown) => (await put<R>(`${ADMIN_API}${path}`, body)).data;
    const drop = async <R>(path: string) => (await del<R>(`${ADMIN_API}${path}`)).data;
    const gone = async (path: string): Promise<void> => {
      await del(`${ADMIN_API}${path}`);
    };
    return {
      workgroups: {
        list: (filters: GetWorkgroups.Request['query']) =>
          read<GetWorkgroups.Response>(`/workgroups${query({ ...filters })}`),
        get: (id: string) => read<GetWorkgroup.Response>(`/workgroups/${id}`),
        create: (body: CreateWorkgroup.Request['body']) =>
          send<CreateWorkgroup.Response>('/workgroups', body),
        update: (id: string, body: UpdateWorkgroup.Request['body']) =>
          write<UpdateWorkgroup.Response>(`/workgroups/${id}`, body),
        archive: (id: string, archived: boolean) =>
          send<ArchiveWorkgroup.Response>(`/workgroups/${id}/${archived ? 'archive' : 'unarchive'}`),
        remove: (id: string) => gone(`/workgroups/${id}`),
        setManagers: (id: string, managers: SetManagers.Request['body']['managers']) =>
          write<SetManagers.Response>(`/workgroups/${id}/managers`, { managers }),
        adminUsers: () => read<GetAdminUsers.Response>('/admin-users'),
        users: (q: string) => read<FindUsers.Response>(`/users${query({ q })}`),
      },
      members: {
        list: (id: string) => read<GetMembers.Response>(`/workgroups/${id}/members`),
        setRole: (id: string, userId: number, role: UpdateMember.Request['body']['role']) =>
          write<UpdateMember.Response>(`/workgroups/${id}/members/${userId}`, { role }),
        remove: (id: string, userId: number) => gone(`/workgroups/${id}/members/${userId}`),
        confirm: (id: string, userId: number) =>
          send<MemberAction.Response>(`/workgroups/${id}/members/${userId}/confirm`),
      },
      invitations: {
        list: (id: string) => read<GetInvitations.Response>(`/workgroups/${id}/invitations`),
        create: (id: string, body: CreateInvitation.Request['body']) =>
          send<CreateInvitation.Response>(`/workgroups/${id}/invitations`, body),
        cancel: (invitationId: string) => drop<InvitationAction.Response>(`/invitations/${invitationId}`),
        resend: (invitationId: string) =>
          send<InvitationAction.Response>(`/invitations/${invitationId}/resend`),
      },
      activity: {
        list: (id: string) =>
          read<GetActivity.Response>(`/workgroups/${id}/activity${query({ pageSize: 50 })}`),
      },
      people: {
        list: (params: GetPeople.Request['query']) => read<GetPeople.Response>(`/people${query(params)}`),
        update: (userId: number, body: UpdatePerson.Request['body']) =>
          write<UpdatePerson.Response>(`/people/${userId}`, body),
        setAccess: (userId: number, body: UpdatePersonAccess.Request['body']) =>
          write<UpdatePersonAccess.Response>(`/people/${userId}/access`, body),
        block: (userId: number, blocked: boolean) =>
          send<PersonAction.Response>(`/people/${userId}/${blocked ? 'block' : 'unblock'}`),
        remove: (userId: number) => gone(`/people/${userId}`),
      },
      report: {
        /** SPEC §10 access report, as the CSV file an auditor reads. */
        csv: async () => (await get<Blob>(`${ADMIN_API}/report?format=csv`, { responseType: 'blob' })).data,
      },
      seats: {
        get: () => read<GetSeats.Response>('/seats'),
      },
      topics: {
        list: () => read<GetTopics.Response>('/topics'),
        create: (body: SaveTopic.Request['body']) => send<SaveTopic.Response>('/topics', body),
        update: (id: string, body: SaveTopic.Request['body']) =>
          write<SaveTopic.Response>(`/topics/${id}`, body),
        remove: (id: string) => gone(`/topics/${id}`),
      },
      governance: {
        /** SPEC §10 "Why?" and "View as…". */
        people: (q: string) => read<GetGovernancePeople.Response>(`/governance/people${query({ q })}`),
        explain: (user: number, type: string, documentId: string) =>
          read<GetExplanation.Response>(`/explain${query({ user, type, documentId })}`),
        viewAsWorkgroup: (id: string, user: number) =>
          read<GetViewAsWorkgroup.Response>(`/workgroups/${id}/view-as${query({ user })}`),
      },
      items: {
        audience: (uid: string, documentId: string) =>
          read<GetItemAudience.Response>(`/items/${uid}/${documentId}/audience`),
      },
    };
  }, [get, post, put, del]);
};

/** Loads `load()` now and whenever `reload()` is called or `deps` change. */
export const useLoader = <T>(load: () => Promise<T>, deps: React.DependencyList) => {
  const [state, setState] = React.useState<{ data?: T; error?: unknown; isLoading: boolean }>({
    isLoading: true,
  });
  const [version, setVersion] = React.useState(0);
  React.useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, isLoading: true }));
    load().then(
      (data) => live && setState({ data, isLoading: false }),
      (error) => live && setState({ error, isLoading: false }),
    );
    return () => {
      live = false;
    };
    // `deps` are the caller's: the loader runs again when one of them changes, or on reload.
  }, [...deps, version]);
  return { ...state, reload: React.useCallback(() => setVersion((v) => v + 1), []) };
};
