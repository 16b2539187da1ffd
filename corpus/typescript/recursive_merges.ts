// Settings merged by hand-written recursive merges: one fed request data, one refusing the
// dangerous keys, one fed only the program's defaults.
import { Router, Request, Response } from 'express';

type Json = { [key: string]: any };

function deepMerge(target: Json, source: Json): Json {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if (!target[key]) target[key] = {};
      deepMerge(target[key], value);
    } else {
      // ruleid: js.prototype-pollution-recursive-merge
      target[key] = value;
    }
  }
  return target;
}

function fillDefaults(target: Json, defaults: Json): Json {
  for (const key in defaults) {
    if (typeof defaults[key] === 'object') {
      target[key] = target[key] ?? {};
      fillDefaults(target[key], defaults[key]);
    } else if (target[key] === undefined) {
      // ok: js.prototype-pollution-recursive-merge
      target[key] = defaults[key];
    }
  }
  return target;
}

function safeMerge(target: Json, source: Json): Json {
  for (const key of Object.keys(source)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    const value = source[key];
    if (value && typeof value === 'object') {
      safeMerge((target[key] ??= {}), value);
    } else {
      // ok: js.prototype-pollution-recursive-merge
      target[key] = value;
    }
  }
  return target;
}

const DEFAULTS: Json = { theme: 'light', notifications: { email: true } };
export const settingsRouter = Router();

settingsRouter.patch('/settings', (req: Request, res: Response) => {
  const current = fillDefaults({}, DEFAULTS);
  res.json(deepMerge(current, JSON.parse(req.body.raw)));
});

settingsRouter.patch('/settings/safe', (req: Request, res: Response) => {
  res.json(safeMerge(fillDefaults({}, DEFAULTS), req.body));
});

// Filters grouped by the dotted names of the query's keys.
type FilterTree = { [group: string]: { [field: string]: string } };

settingsRouter.get('/filters', (req: Request, res: Response) => {
  const tree: FilterTree = {};
  for (const [rawKey, rawVal] of Object.entries(req.query)) {
    const [group, field] = rawKey.split('.');
    if (!group || !field) continue;
    tree[group] = tree[group] || {};
    // ruleid: js.prototype-pollution-assign
    tree[group][field] = String(rawVal);
  }
  res.json(tree);
});

const GROUPS = ['colour', 'size'];

settingsRouter.get('/filters/fixed', (req: Request, res: Response) => {
  const tree: FilterTree = Object.create(null);
  for (const group of GROUPS) {
    tree[group] = {};
    // ok: js.prototype-pollution-assign
    tree[group]['value'] = String(req.query[group] ?? '');
  }
  res.json(tree);
});
