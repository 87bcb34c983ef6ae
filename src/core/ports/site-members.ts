/** Site members and contacts, as Wix knows them. */
export interface SiteMember {
  id: string;
  contactId: string | null;
  email: string | null;
  name: string | null;
}

export interface SiteMembersGateway {
  getMember(memberId: string): Promise<SiteMember | undefined>;
  findMemberByEmail(email: string): Promise<SiteMember | undefined>;
}
