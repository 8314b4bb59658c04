// A real OpenID Connect provider for the sign-in tests (node-oidc-provider with its
// development pages: any login name, any password). The login name is the person's e-mail
// address. GROUPS_FOR ("address:group|group,address:group") gives some people group claims.
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const groupsFor = Object.fromEntries(
  (process.env.GROUPS_FOR || '').split(',').filter(Boolean).map((entry) => {
    const [address, groups] = entry.split(':');
    return [address.toLowerCase(), groups.split('|')];
  }),
);
const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.CLIENT_ID,
    client_secret: process.env.CLIENT_SECRET,
    redirect_uris: [process.env.REDIRECT_URI],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => false },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          email: id,
          email_verified: true,
          name: id.split('@')[0],
          groups: groupsFor[id.toLowerCase()] || [],
        };
      },
    };
  },
});
provider.listen(port, '127.0.0.1', () => console.log(`ready ${issuer}`));
