// Vue render functions (Vue 2 `domProps`, Vue 3 `h()` props) that set raw HTML: values from the page's
// address or a prop, next to twins that render the app's own markup or sanitise it first.
import { h } from "vue";
import DOMPurify from "dompurify";

const BANNER_HTML = "<strong>Free shipping</strong> on orders over $50";

export const Banner = {
  render() {
    // ok: js.vue-v-html
    return h("div", { class: "banner", innerHTML: BANNER_HTML });
  },
};

export const Campaign = {
  render() {
    const first = new URLSearchParams(location.search).get("promo");
    const second = `<p>${first}</p>`;
    const third = second;
    // ruleid: js.vue-v-html
    return h("div", { class: "promo", innerHTML: third });
  },
};

export const CampaignClean = {
  render() {
    const first = new URLSearchParams(location.search).get("promo");
    const second = `<p>${first}</p>`;
    const third = DOMPurify.sanitize(second);
    // ok: js.vue-v-html
    return h("div", { class: "promo", innerHTML: third });
  },
};

export const Bio = {
  props: ["bio"],
  render(createElement) {
    // ruleid: js.vue-v-html
    return createElement("div", { domProps: { innerHTML: this.bio } });
  },
};

export const Footer = {
  render(createElement) {
    const markup = BANNER_HTML;
    // ok: js.vue-v-html
    return createElement("footer", { domProps: { innerHTML: markup } });
  },
};
