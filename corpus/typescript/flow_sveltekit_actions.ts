// SvelteKit form actions receive the request's event; Vue components with inline templates are
// reported at their `v-html`.
import { fail, redirect } from "@sveltejs/kit";
import { defineComponent } from "vue";

export const actions = {
  login: async ({ request, url, locals }) => {
    const data = await request.formData();
    const session = await locals.auth.signIn(String(data.get("email")), String(data.get("password")));
    if (!session) {
      return fail(400, { incorrect: true });
    }
    // ruleid: js.open-redirect
    redirect(303, url.searchParams.get("redirectTo") ?? "/");
  },
  logout: async ({ url, locals }) => {
    await locals.auth.signOut();
    const target = url.searchParams.get("next") === "/account" ? "/account" : "/";
    // ok: js.open-redirect
    redirect(303, target);
  },
  register: async ({ request }) => {
    const data = await request.formData();
    // ruleid: js.open-redirect
    redirect(303, String(data.get("continue")));
  },
};

export const Banner = defineComponent({
  name: "Banner",
  props: { message: String, title: String },
  template:
    // ruleid: js.vue-v-html
    `<section class="banner"><p class="text" v-html="message"></p>
      <h2 class="title">{{ title }}</h2>
    </section>`,
});

export const Heading = defineComponent({
  name: "Heading",
  props: { title: String },
  template:
    // ok: js.vue-v-html
    `<section class="heading"><h2 class="title" v-text="title"></h2>
    </section>`,
});
