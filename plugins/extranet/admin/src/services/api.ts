import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import type {
  ArchiveWorkgroup,
  CreateInvitation,
  CreateWorkgroup,
  FindUsers,
  GetActivity,
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
  WorkgroupFilters,
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
  return React.useMemo(
    () => ({
      workgroups: {
        list: async (filters: WorkgroupFilters) =>
          (await get<GetWorkgroups.Response>(`${ADMIN_API}/workgroups${query({ ...filters })}`)).data,
        get: async (id: string) => (await get<GetWorkgroup.Response>(`${ADMIN_API}/workgroups/${id}`)).data,
        create: async (body: CreateWorkgroup.Request['body']) =>
          (await post<CreateWorkgroup.Response>(`${ADMIN_API}/workgroups`, body)).data,
        update: async (id: string, body: UpdateWorkgroup.Request['body']) =>
          (await put<UpdateWorkgroup.Response>(`${ADMIN_API}/workgroups/${id}`, body)).data,
        archive: async (id: string, archived: boolean) =>
          (
            await post<ArchiveWorkgroup.Response>(
              `${ADMIN_API}/workgroups/${id}/${archived ? 'archive' : 'unarchive'}`,
            )
          ).data,
        remove: async (id: string) => {
          await del(`${ADMIN_API}/workgroups/${id}`);
        },
        setManagers: async (id: string, managers: number[]) =>
          (await put<SetManagers.Response>(`${ADMIN_API}/workgroups/${id}/managers`, { managers })).data,
        adminUsers: async () => (await get<GetAdminUsers.Response>(`${ADMIN_API}/admin-users`)).data,
        users: async (q: string) => (await get<FindUsers.Response>(`${ADMIN_API}/users${query({ q })}`)).data,
      },
      members: {
        list: async (id: string) =>
          (await get<GetMembers.Response>(`${ADMIN_API}/workgroups/${id}/members`)).data,
        setRole: async (id: string, userId: number, role: UpdateMember.Request['body']['role']) =>
          (await put<UpdateMember.Response>(`${ADMIN_API}/workgroups/${id}/members/${userId}`, { role }))
            .data,
        remove: async (id: string, userId: number) => {
          await del(`${ADMIN_API}/workgroups/${id}/members/${userId}`);
        },
        confirm: async (id: string, userId: number) =>
          (await post<MemberAction.Response>(`${ADMIN_API}/workgroups/${id}/members/${userId}/confirm`)).data,
      },
      invitations: {
        list: async (id: string) =>
          (await get<GetInvitations.Response>(`${ADMIN_API}/workgroups/${id}/invitations`)).data,
        create: async (id: string, body: CreateInvitation.Request['body']) =>
          (await post<CreateInvitation.Response>(`${ADMIN_API}/workgroups/${id}/invitations`, body)).data,
        cancel: async (invitationId: string) =>
          (await del<InvitationAction.Response>(`${ADMIN_API}/invitations/${invitationId}`)).data,
        resend: async (invitationId: string) =>
          (await post<InvitationAction.Response>(`${ADMIN_API}/invitations/${invitationId}/resend`)).data,
      },
      activity: {
        list: async (id: string) =>
          (
            await get<GetActivity.Response>(
              `${ADMIN_API}/workgroups/${id}/activity${query({ pageSize: 50 })}`,
            )
          ).data,
      },
      people: {
        list: async (params: GetPeople.Request['query']) =>
          (await get<GetPeople.Response>(`${ADMIN_API}/people${query(params)}`)).data,
        update: async (userId: number, body: UpdatePerson.Request['body']) =>
          (await put<UpdatePerson.Response>(`${ADMIN_API}/people/${userId}`, body)).data,
        setAccess: async (userId: number, body: UpdatePersonAccess.Request['body']) =>
          (await put<UpdatePersonAccess.Response>(`${ADMIN_API}/people/${userId}/access`, body)).data,
        block: async (userId: number, blocked: boolean) =>
          (
            await post<PersonAction.Response>(
              `${ADMIN_API}/people/${userId}/${blocked ? 'block' : 'unblock'}`,
            )
          ).data,
        remove: async (userId: number) => {
          await del(`${ADMIN_API}/people/${userId}`);
        },
      },
      report: {
        /** SPEC §10 access report, as the CSV file an auditor reads. */
        csv: async () => (await get<Blob>(`${ADMIN_API}/report?format=csv`, { responseType: 'blob' })).data,
      },
      seats: {
        get: async () => (await get<GetSeats.Response>(`${ADMIN_API}/seats`)).data,
      },
      topics: {
        list: async () => (await get<GetTopics.Response>(`${ADMIN_API}/topics`)).data,
        create: async (body: SaveTopic.Request['body']) =>
          (await post<SaveTopic.Response>(`${ADMIN_API}/topics`, body)).data,
        update: async (id: string, body: SaveTopic.Request['body']) =>
          (await put<SaveTopic.Response>(`${ADMIN_API}/topics/${id}`, body)).data,
        remove: async (id: string) => {
          await del(`${ADMIN_API}/topics/${id}`);
        },
      },
      items: {
        audience: async (uid: string, documentId: string) =>
          (await get<GetItemAudience.Response>(`${ADMIN_API}/items/${uid}/${documentId}/audience`)).data,
      },
    }),
    [get, post, put, del],
  );
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
