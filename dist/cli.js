#!/usr/bin/env node
import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key2 of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key2) && key2 !== except)
        __defProp(to, key2, { get: () => from[key2], enumerable: !(desc = __getOwnPropDesc(from, key2)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/yaml/dist/nodes/identity.js
var require_identity = __commonJS({
  "node_modules/yaml/dist/nodes/identity.js"(exports) {
    "use strict";
    var ALIAS = /* @__PURE__ */ Symbol.for("yaml.alias");
    var DOC = /* @__PURE__ */ Symbol.for("yaml.document");
    var MAP = /* @__PURE__ */ Symbol.for("yaml.map");
    var PAIR = /* @__PURE__ */ Symbol.for("yaml.pair");
    var SCALAR = /* @__PURE__ */ Symbol.for("yaml.scalar");
    var SEQ = /* @__PURE__ */ Symbol.for("yaml.seq");
    var NODE_TYPE = /* @__PURE__ */ Symbol.for("yaml.node.type");
    var isAlias = (node2) => !!node2 && typeof node2 === "object" && node2[NODE_TYPE] === ALIAS;
    var isDocument = (node2) => !!node2 && typeof node2 === "object" && node2[NODE_TYPE] === DOC;
    var isMap2 = (node2) => !!node2 && typeof node2 === "object" && node2[NODE_TYPE] === MAP;
    var isPair = (node2) => !!node2 && typeof node2 === "object" && node2[NODE_TYPE] === PAIR;
    var isScalar2 = (node2) => !!node2 && typeof node2 === "object" && node2[NODE_TYPE] === SCALAR;
    var isSeq2 = (node2) => !!node2 && typeof node2 === "object" && node2[NODE_TYPE] === SEQ;
    function isCollection(node2) {
      if (node2 && typeof node2 === "object")
        switch (node2[NODE_TYPE]) {
          case MAP:
          case SEQ:
            return true;
        }
      return false;
    }
    function isNode(node2) {
      if (node2 && typeof node2 === "object")
        switch (node2[NODE_TYPE]) {
          case ALIAS:
          case MAP:
          case SCALAR:
          case SEQ:
            return true;
        }
      return false;
    }
    var hasAnchor = (node2) => (isScalar2(node2) || isCollection(node2)) && !!node2.anchor;
    exports.ALIAS = ALIAS;
    exports.DOC = DOC;
    exports.MAP = MAP;
    exports.NODE_TYPE = NODE_TYPE;
    exports.PAIR = PAIR;
    exports.SCALAR = SCALAR;
    exports.SEQ = SEQ;
    exports.hasAnchor = hasAnchor;
    exports.isAlias = isAlias;
    exports.isCollection = isCollection;
    exports.isDocument = isDocument;
    exports.isMap = isMap2;
    exports.isNode = isNode;
    exports.isPair = isPair;
    exports.isScalar = isScalar2;
    exports.isSeq = isSeq2;
  }
});

// node_modules/yaml/dist/visit.js
var require_visit = __commonJS({
  "node_modules/yaml/dist/visit.js"(exports) {
    "use strict";
    var identity = require_identity();
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove node");
    function visit(node2, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node2)) {
        const cd = visit_(null, node2.contents, visitor_, Object.freeze([node2]));
        if (cd === REMOVE)
          node2.contents = null;
      } else
        visit_(null, node2, visitor_, Object.freeze([]));
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    function visit_(key2, node2, visitor, path) {
      const ctrl = callVisitor(key2, node2, visitor, path);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key2, path, ctrl);
        return visit_(key2, ctrl, visitor, path);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node2)) {
          path = Object.freeze(path.concat(node2));
          for (let i = 0; i < node2.items.length; ++i) {
            const ci = visit_(i, node2.items[i], visitor, path);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node2.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node2)) {
          path = Object.freeze(path.concat(node2));
          const ck = visit_("key", node2.key, visitor, path);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node2.key = null;
          const cv = visit_("value", node2.value, visitor, path);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node2.value = null;
        }
      }
      return ctrl;
    }
    async function visitAsync(node2, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node2)) {
        const cd = await visitAsync_(null, node2.contents, visitor_, Object.freeze([node2]));
        if (cd === REMOVE)
          node2.contents = null;
      } else
        await visitAsync_(null, node2, visitor_, Object.freeze([]));
    }
    visitAsync.BREAK = BREAK;
    visitAsync.SKIP = SKIP;
    visitAsync.REMOVE = REMOVE;
    async function visitAsync_(key2, node2, visitor, path) {
      const ctrl = await callVisitor(key2, node2, visitor, path);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key2, path, ctrl);
        return visitAsync_(key2, ctrl, visitor, path);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node2)) {
          path = Object.freeze(path.concat(node2));
          for (let i = 0; i < node2.items.length; ++i) {
            const ci = await visitAsync_(i, node2.items[i], visitor, path);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node2.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node2)) {
          path = Object.freeze(path.concat(node2));
          const ck = await visitAsync_("key", node2.key, visitor, path);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node2.key = null;
          const cv = await visitAsync_("value", node2.value, visitor, path);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node2.value = null;
        }
      }
      return ctrl;
    }
    function initVisitor(visitor) {
      if (typeof visitor === "object" && (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
          Alias: visitor.Node,
          Map: visitor.Node,
          Scalar: visitor.Node,
          Seq: visitor.Node
        }, visitor.Value && {
          Map: visitor.Value,
          Scalar: visitor.Value,
          Seq: visitor.Value
        }, visitor.Collection && {
          Map: visitor.Collection,
          Seq: visitor.Collection
        }, visitor);
      }
      return visitor;
    }
    function callVisitor(key2, node2, visitor, path) {
      if (typeof visitor === "function")
        return visitor(key2, node2, path);
      if (identity.isMap(node2))
        return visitor.Map?.(key2, node2, path);
      if (identity.isSeq(node2))
        return visitor.Seq?.(key2, node2, path);
      if (identity.isPair(node2))
        return visitor.Pair?.(key2, node2, path);
      if (identity.isScalar(node2))
        return visitor.Scalar?.(key2, node2, path);
      if (identity.isAlias(node2))
        return visitor.Alias?.(key2, node2, path);
      return void 0;
    }
    function replaceNode(key2, path, node2) {
      const parent = path[path.length - 1];
      if (identity.isCollection(parent)) {
        parent.items[key2] = node2;
      } else if (identity.isPair(parent)) {
        if (key2 === "key")
          parent.key = node2;
        else
          parent.value = node2;
      } else if (identity.isDocument(parent)) {
        parent.contents = node2;
      } else {
        const pt = identity.isAlias(parent) ? "alias" : "scalar";
        throw new Error(`Cannot replace node with ${pt} parent`);
      }
    }
    exports.visit = visit;
    exports.visitAsync = visitAsync;
  }
});

// node_modules/yaml/dist/doc/directives.js
var require_directives = __commonJS({
  "node_modules/yaml/dist/doc/directives.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    var escapeChars = {
      "!": "%21",
      ",": "%2C",
      "[": "%5B",
      "]": "%5D",
      "{": "%7B",
      "}": "%7D"
    };
    var escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, (ch) => escapeChars[ch]);
    var Directives = class _Directives {
      constructor(yaml, tags) {
        this.docStart = null;
        this.docEnd = false;
        this.yaml = Object.assign({}, _Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, _Directives.defaultTags, tags);
      }
      clone() {
        const copy = new _Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
      }
      /**
       * During parsing, get a Directives instance for the current document and
       * update the stream state according to the current version's spec.
       */
      atDocument() {
        const res = new _Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
          case "1.1":
            this.atNextDocument = true;
            break;
          case "1.2":
            this.atNextDocument = false;
            this.yaml = {
              explicit: _Directives.defaultYaml.explicit,
              version: "1.2"
            };
            this.tags = Object.assign({}, _Directives.defaultTags);
            break;
        }
        return res;
      }
      /**
       * @param onError - May be called even if the action was successful
       * @returns `true` on success
       */
      add(line, onError) {
        if (this.atNextDocument) {
          this.yaml = { explicit: _Directives.defaultYaml.explicit, version: "1.1" };
          this.tags = Object.assign({}, _Directives.defaultTags);
          this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
          case "%TAG": {
            if (parts.length !== 2) {
              onError(0, "%TAG directive should contain exactly two parts");
              if (parts.length < 2)
                return false;
            }
            const [handle, prefix] = parts;
            this.tags[handle] = prefix;
            return true;
          }
          case "%YAML": {
            this.yaml.explicit = true;
            if (parts.length !== 1) {
              onError(0, "%YAML directive should contain exactly one part");
              return false;
            }
            const [version] = parts;
            if (version === "1.1" || version === "1.2") {
              this.yaml.version = version;
              return true;
            } else {
              const isValid = /^\d+\.\d+$/.test(version);
              onError(6, `Unsupported YAML version ${version}`, isValid);
              return false;
            }
          }
          default:
            onError(0, `Unknown directive ${name}`, true);
            return false;
        }
      }
      /**
       * Resolves a tag, matching handles to those defined in %TAG directives.
       *
       * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
       *   `'!local'` tag, or `null` if unresolvable.
       */
      tagName(source, onError) {
        if (source === "!")
          return "!";
        if (source[0] !== "!") {
          onError(`Not a valid tag: ${source}`);
          return null;
        }
        if (source[1] === "<") {
          const verbatim = source.slice(2, -1);
          if (verbatim === "!" || verbatim === "!!") {
            onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
            return null;
          }
          if (source[source.length - 1] !== ">")
            onError("Verbatim tags must end with a >");
          return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
          onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
          try {
            return prefix + decodeURIComponent(suffix);
          } catch (error) {
            onError(String(error));
            return null;
          }
        }
        if (handle === "!")
          return source;
        onError(`Could not resolve tag: ${source}`);
        return null;
      }
      /**
       * Given a fully resolved tag, returns its printable string form,
       * taking into account current tag prefixes and defaults.
       */
      tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
          if (tag.startsWith(prefix))
            return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === "!" ? tag : `!<${tag}>`;
      }
      toString(doc) {
        const lines = this.yaml.explicit ? [`%YAML ${this.yaml.version || "1.2"}`] : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
          const tags = {};
          visit.visit(doc.contents, (_key, node2) => {
            if (identity.isNode(node2) && node2.tag)
              tags[node2.tag] = true;
          });
          tagNames = Object.keys(tags);
        } else
          tagNames = [];
        for (const [handle, prefix] of tagEntries) {
          if (handle === "!!" && prefix === "tag:yaml.org,2002:")
            continue;
          if (!doc || tagNames.some((tn) => tn.startsWith(prefix)))
            lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join("\n");
      }
    };
    Directives.defaultYaml = { explicit: false, version: "1.2" };
    Directives.defaultTags = { "!!": "tag:yaml.org,2002:" };
    exports.Directives = Directives;
  }
});

// node_modules/yaml/dist/doc/anchors.js
var require_anchors = __commonJS({
  "node_modules/yaml/dist/doc/anchors.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    function anchorIsValid(anchor) {
      if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
      }
      return true;
    }
    function anchorNames(root) {
      const anchors = /* @__PURE__ */ new Set();
      visit.visit(root, {
        Value(_key, node2) {
          if (node2.anchor)
            anchors.add(node2.anchor);
        }
      });
      return anchors;
    }
    function findNewAnchor(prefix, exclude) {
      for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
          return name;
      }
    }
    function createNodeAnchors(doc, prefix) {
      const aliasObjects = [];
      const sourceObjects = /* @__PURE__ */ new Map();
      let prevAnchors = null;
      return {
        onAnchor: (source) => {
          aliasObjects.push(source);
          prevAnchors ?? (prevAnchors = anchorNames(doc));
          const anchor = findNewAnchor(prefix, prevAnchors);
          prevAnchors.add(anchor);
          return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
          for (const source of aliasObjects) {
            const ref = sourceObjects.get(source);
            if (typeof ref === "object" && ref.anchor && (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
              ref.node.anchor = ref.anchor;
            } else {
              const error = new Error("Failed to resolve repeated object (this should not happen)");
              error.source = source;
              throw error;
            }
          }
        },
        sourceObjects
      };
    }
    exports.anchorIsValid = anchorIsValid;
    exports.anchorNames = anchorNames;
    exports.createNodeAnchors = createNodeAnchors;
    exports.findNewAnchor = findNewAnchor;
  }
});

// node_modules/yaml/dist/doc/applyReviver.js
var require_applyReviver = __commonJS({
  "node_modules/yaml/dist/doc/applyReviver.js"(exports) {
    "use strict";
    function applyReviver(reviver, obj, key2, val) {
      if (val && typeof val === "object") {
        if (Array.isArray(val)) {
          for (let i = 0, len = val.length; i < len; ++i) {
            const v0 = val[i];
            const v1 = applyReviver(reviver, val, String(i), v0);
            if (v1 === void 0)
              delete val[i];
            else if (v1 !== v0)
              val[i] = v1;
          }
        } else if (val instanceof Map) {
          for (const k of Array.from(val.keys())) {
            const v0 = val.get(k);
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              val.delete(k);
            else if (v1 !== v0)
              val.set(k, v1);
          }
        } else if (val instanceof Set) {
          for (const v0 of Array.from(val)) {
            const v1 = applyReviver(reviver, val, v0, v0);
            if (v1 === void 0)
              val.delete(v0);
            else if (v1 !== v0) {
              val.delete(v0);
              val.add(v1);
            }
          }
        } else {
          for (const [k, v0] of Object.entries(val)) {
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              delete val[k];
            else if (v1 !== v0)
              val[k] = v1;
          }
        }
      }
      return reviver.call(obj, key2, val);
    }
    exports.applyReviver = applyReviver;
  }
});

// node_modules/yaml/dist/nodes/toJS.js
var require_toJS = __commonJS({
  "node_modules/yaml/dist/nodes/toJS.js"(exports) {
    "use strict";
    var identity = require_identity();
    function toJS(value2, arg, ctx) {
      if (Array.isArray(value2))
        return value2.map((v, i) => toJS(v, String(i), ctx));
      if (value2 && typeof value2.toJSON === "function") {
        if (!ctx || !identity.hasAnchor(value2))
          return value2.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: void 0 };
        ctx.anchors.set(value2, data);
        ctx.onCreate = (res2) => {
          data.res = res2;
          delete ctx.onCreate;
        };
        const res = value2.toJSON(arg, ctx);
        if (ctx.onCreate)
          ctx.onCreate(res);
        return res;
      }
      if (typeof value2 === "bigint" && !ctx?.keep)
        return Number(value2);
      return value2;
    }
    exports.toJS = toJS;
  }
});

// node_modules/yaml/dist/nodes/Node.js
var require_Node = __commonJS({
  "node_modules/yaml/dist/nodes/Node.js"(exports) {
    "use strict";
    var applyReviver = require_applyReviver();
    var identity = require_identity();
    var toJS = require_toJS();
    var NodeBase = class {
      constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
      }
      /** Create a copy of this node.  */
      clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** A plain JavaScript representation of this node. */
      toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
          throw new TypeError("A document argument is required");
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc,
          keep: true,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
    };
    exports.NodeBase = NodeBase;
  }
});

// node_modules/yaml/dist/nodes/Alias.js
var require_Alias = __commonJS({
  "node_modules/yaml/dist/nodes/Alias.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var visit = require_visit();
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var Alias = class extends Node.NodeBase {
      constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, "tag", {
          set() {
            throw new Error("Alias nodes cannot have tags");
          }
        });
      }
      /**
       * Resolve the value of this alias within `doc`, finding the last
       * instance of the `source` anchor before this node.
       */
      resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
          throw new ReferenceError("Alias resolution is disabled");
        let nodes;
        if (ctx?.aliasResolveCache) {
          nodes = ctx.aliasResolveCache;
        } else {
          nodes = [];
          visit.visit(doc, {
            Node: (_key, node2) => {
              if (identity.isAlias(node2) || identity.hasAnchor(node2))
                nodes.push(node2);
            }
          });
          if (ctx)
            ctx.aliasResolveCache = nodes;
        }
        let found = void 0;
        for (const node2 of nodes) {
          if (node2 === this)
            break;
          if (node2.anchor === this.source)
            found = node2;
        }
        if (found && ctx) {
          const { anchors: anchors2, doc: doc2, maxAliasCount } = ctx;
          let data = anchors2.get(found);
          if (!data) {
            toJS.toJS(found, null, ctx);
            data = anchors2.get(found);
          }
          if (data?.res === void 0) {
            const msg = "This should not happen: Alias anchor was not resolved?";
            throw new ReferenceError(msg);
          }
          if (maxAliasCount >= 0) {
            data.count += 1;
            if (data.aliasCount === 0)
              data.aliasCount = getAliasCount(doc2, found, anchors2);
            if (data.count * data.aliasCount > maxAliasCount) {
              const msg = "Excessive alias count indicates a resource exhaustion attack";
              throw new ReferenceError(msg);
            }
          }
        }
        return found;
      }
      toJSON(_arg, ctx) {
        if (!ctx)
          return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
          const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
          throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
      }
      toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
          anchors.anchorIsValid(this.source);
          if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new Error(msg);
          }
          if (ctx.implicitKey)
            return `${src} `;
        }
        return src;
      }
    };
    function getAliasCount(doc, node2, anchors2) {
      if (identity.isAlias(node2)) {
        const source = node2.resolve(doc);
        const anchor = anchors2 && source && anchors2.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
      } else if (identity.isCollection(node2)) {
        let count = 0;
        for (const item of node2.items) {
          const c = getAliasCount(doc, item, anchors2);
          if (c > count)
            count = c;
        }
        return count;
      } else if (identity.isPair(node2)) {
        const kc = getAliasCount(doc, node2.key, anchors2);
        const vc = getAliasCount(doc, node2.value, anchors2);
        return Math.max(kc, vc);
      }
      return 1;
    }
    exports.Alias = Alias;
  }
});

// node_modules/yaml/dist/nodes/Scalar.js
var require_Scalar = __commonJS({
  "node_modules/yaml/dist/nodes/Scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var isScalarValue = (value2) => !value2 || typeof value2 !== "function" && typeof value2 !== "object";
    var Scalar = class extends Node.NodeBase {
      constructor(value2) {
        super(identity.SCALAR);
        this.value = value2;
      }
      toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
      }
      toString() {
        return String(this.value);
      }
    };
    Scalar.BLOCK_FOLDED = "BLOCK_FOLDED";
    Scalar.BLOCK_LITERAL = "BLOCK_LITERAL";
    Scalar.PLAIN = "PLAIN";
    Scalar.QUOTE_DOUBLE = "QUOTE_DOUBLE";
    Scalar.QUOTE_SINGLE = "QUOTE_SINGLE";
    exports.Scalar = Scalar;
    exports.isScalarValue = isScalarValue;
  }
});

// node_modules/yaml/dist/doc/createNode.js
var require_createNode = __commonJS({
  "node_modules/yaml/dist/doc/createNode.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var defaultTagPrefix = "tag:yaml.org,2002:";
    function findTagObject(value2, tagName, tags) {
      if (tagName) {
        const match = tags.filter((t) => t.tag === tagName);
        const tagObj = match.find((t) => !t.format) ?? match[0];
        if (!tagObj)
          throw new Error(`Tag ${tagName} not found`);
        return tagObj;
      }
      return tags.find((t) => t.identify?.(value2) && !t.format);
    }
    function createNode(value2, tagName, ctx) {
      if (identity.isDocument(value2))
        value2 = value2.contents;
      if (identity.isNode(value2))
        return value2;
      if (identity.isPair(value2)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value2);
        return map;
      }
      if (value2 instanceof String || value2 instanceof Number || value2 instanceof Boolean || typeof BigInt !== "undefined" && value2 instanceof BigInt) {
        value2 = value2.valueOf();
      }
      const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
      let ref = void 0;
      if (aliasDuplicateObjects && value2 && typeof value2 === "object") {
        ref = sourceObjects.get(value2);
        if (ref) {
          ref.anchor ?? (ref.anchor = onAnchor(value2));
          return new Alias.Alias(ref.anchor);
        } else {
          ref = { anchor: null, node: null };
          sourceObjects.set(value2, ref);
        }
      }
      if (tagName?.startsWith("!!"))
        tagName = defaultTagPrefix + tagName.slice(2);
      let tagObj = findTagObject(value2, tagName, schema.tags);
      if (!tagObj) {
        if (value2 && typeof value2.toJSON === "function") {
          value2 = value2.toJSON();
        }
        if (!value2 || typeof value2 !== "object") {
          const node3 = new Scalar.Scalar(value2);
          if (ref)
            ref.node = node3;
          return node3;
        }
        tagObj = value2 instanceof Map ? schema[identity.MAP] : Symbol.iterator in Object(value2) ? schema[identity.SEQ] : schema[identity.MAP];
      }
      if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
      }
      const node2 = tagObj?.createNode ? tagObj.createNode(ctx.schema, value2, ctx) : typeof tagObj?.nodeClass?.from === "function" ? tagObj.nodeClass.from(ctx.schema, value2, ctx) : new Scalar.Scalar(value2);
      if (tagName)
        node2.tag = tagName;
      else if (!tagObj.default)
        node2.tag = tagObj.tag;
      if (ref)
        ref.node = node2;
      return node2;
    }
    exports.createNode = createNode;
  }
});

// node_modules/yaml/dist/nodes/Collection.js
var require_Collection = __commonJS({
  "node_modules/yaml/dist/nodes/Collection.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var identity = require_identity();
    var Node = require_Node();
    function collectionFromPath(schema, path, value2) {
      let v = value2;
      for (let i = path.length - 1; i >= 0; --i) {
        const k = path[i];
        if (typeof k === "number" && Number.isInteger(k) && k >= 0) {
          const a = [];
          a[k] = v;
          v = a;
        } else {
          v = /* @__PURE__ */ new Map([[k, v]]);
        }
      }
      return createNode.createNode(v, void 0, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
          throw new Error("This should not happen, please report a bug.");
        },
        schema,
        sourceObjects: /* @__PURE__ */ new Map()
      });
    }
    var isEmptyPath = (path) => path == null || typeof path === "object" && !!path[Symbol.iterator]().next().done;
    var Collection = class extends Node.NodeBase {
      constructor(type, schema) {
        super(type);
        Object.defineProperty(this, "schema", {
          value: schema,
          configurable: true,
          enumerable: false,
          writable: true
        });
      }
      /**
       * Create a copy of this collection.
       *
       * @param schema - If defined, overwrites the original's schema
       */
      clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
          copy.schema = schema;
        copy.items = copy.items.map((it) => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /**
       * Adds a value to the collection. For `!!map` and `!!omap` the value must
       * be a Pair instance or a `{ key, value }` object, which may not have a key
       * that already exists in the map.
       */
      addIn(path, value2) {
        if (isEmptyPath(path))
          this.add(value2);
        else {
          const [key2, ...rest] = path;
          const node2 = this.get(key2, true);
          if (identity.isCollection(node2))
            node2.addIn(rest, value2);
          else if (node2 === void 0 && this.schema)
            this.set(key2, collectionFromPath(this.schema, rest, value2));
          else
            throw new Error(`Expected YAML collection at ${key2}. Remaining path: ${rest}`);
        }
      }
      /**
       * Removes a value from the collection.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path) {
        const [key2, ...rest] = path;
        if (rest.length === 0)
          return this.delete(key2);
        const node2 = this.get(key2, true);
        if (identity.isCollection(node2))
          return node2.deleteIn(rest);
        else
          throw new Error(`Expected YAML collection at ${key2}. Remaining path: ${rest}`);
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path, keepScalar) {
        const [key2, ...rest] = path;
        const node2 = this.get(key2, true);
        if (rest.length === 0)
          return !keepScalar && identity.isScalar(node2) ? node2.value : node2;
        else
          return identity.isCollection(node2) ? node2.getIn(rest, keepScalar) : void 0;
      }
      hasAllNullValues(allowScalar) {
        return this.items.every((node2) => {
          if (!identity.isPair(node2))
            return false;
          const n = node2.value;
          return n == null || allowScalar && identity.isScalar(n) && n.value == null && !n.commentBefore && !n.comment && !n.tag;
        });
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       */
      hasIn(path) {
        const [key2, ...rest] = path;
        if (rest.length === 0)
          return this.has(key2);
        const node2 = this.get(key2, true);
        return identity.isCollection(node2) ? node2.hasIn(rest) : false;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path, value2) {
        const [key2, ...rest] = path;
        if (rest.length === 0) {
          this.set(key2, value2);
        } else {
          const node2 = this.get(key2, true);
          if (identity.isCollection(node2))
            node2.setIn(rest, value2);
          else if (node2 === void 0 && this.schema)
            this.set(key2, collectionFromPath(this.schema, rest, value2));
          else
            throw new Error(`Expected YAML collection at ${key2}. Remaining path: ${rest}`);
        }
      }
    };
    exports.Collection = Collection;
    exports.collectionFromPath = collectionFromPath;
    exports.isEmptyPath = isEmptyPath;
  }
});

// node_modules/yaml/dist/stringify/stringifyComment.js
var require_stringifyComment = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyComment.js"(exports) {
    "use strict";
    var stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, "#");
    function indentComment(comment, indent) {
      if (/^\n+$/.test(comment))
        return comment.substring(1);
      return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
    }
    var lineComment = (str, indent, comment) => str.endsWith("\n") ? indentComment(comment, indent) : comment.includes("\n") ? "\n" + indentComment(comment, indent) : (str.endsWith(" ") ? "" : " ") + comment;
    exports.indentComment = indentComment;
    exports.lineComment = lineComment;
    exports.stringifyComment = stringifyComment;
  }
});

// node_modules/yaml/dist/stringify/foldFlowLines.js
var require_foldFlowLines = __commonJS({
  "node_modules/yaml/dist/stringify/foldFlowLines.js"(exports) {
    "use strict";
    var FOLD_FLOW = "flow";
    var FOLD_BLOCK = "block";
    var FOLD_QUOTED = "quoted";
    function foldFlowLines(text2, indent, mode = "flow", { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
      if (!lineWidth || lineWidth < 0)
        return text2;
      if (lineWidth < minContentWidth)
        minContentWidth = 0;
      const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
      if (text2.length <= endStep)
        return text2;
      const folds = [];
      const escapedFolds = {};
      let end = lineWidth - indent.length;
      if (typeof indentAtStart === "number") {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
          folds.push(0);
        else
          end = lineWidth - indentAtStart;
      }
      let split2 = void 0;
      let prev = void 0;
      let overflow = false;
      let i = -1;
      let escStart = -1;
      let escEnd = -1;
      if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text2, i, indent.length);
        if (i !== -1)
          end = i + endStep;
      }
      for (let ch; ch = text2[i += 1]; ) {
        if (mode === FOLD_QUOTED && ch === "\\") {
          escStart = i;
          switch (text2[i + 1]) {
            case "x":
              i += 3;
              break;
            case "u":
              i += 5;
              break;
            case "U":
              i += 9;
              break;
            default:
              i += 1;
          }
          escEnd = i;
        }
        if (ch === "\n") {
          if (mode === FOLD_BLOCK)
            i = consumeMoreIndentedLines(text2, i, indent.length);
          end = i + indent.length + endStep;
          split2 = void 0;
        } else {
          if (ch === " " && prev && prev !== " " && prev !== "\n" && prev !== "	") {
            const next = text2[i + 1];
            if (next && next !== " " && next !== "\n" && next !== "	")
              split2 = i;
          }
          if (i >= end) {
            if (split2) {
              folds.push(split2);
              end = split2 + endStep;
              split2 = void 0;
            } else if (mode === FOLD_QUOTED) {
              while (prev === " " || prev === "	") {
                prev = ch;
                ch = text2[i += 1];
                overflow = true;
              }
              const j = i > escEnd + 1 ? i - 2 : escStart - 1;
              if (escapedFolds[j])
                return text2;
              folds.push(j);
              escapedFolds[j] = true;
              end = j + endStep;
              split2 = void 0;
            } else {
              overflow = true;
            }
          }
        }
        prev = ch;
      }
      if (overflow && onOverflow)
        onOverflow();
      if (folds.length === 0)
        return text2;
      if (onFold)
        onFold();
      let res = text2.slice(0, folds[0]);
      for (let i2 = 0; i2 < folds.length; ++i2) {
        const fold2 = folds[i2];
        const end2 = folds[i2 + 1] || text2.length;
        if (fold2 === 0)
          res = `
${indent}${text2.slice(0, end2)}`;
        else {
          if (mode === FOLD_QUOTED && escapedFolds[fold2])
            res += `${text2[fold2]}\\`;
          res += `
${indent}${text2.slice(fold2 + 1, end2)}`;
        }
      }
      return res;
    }
    function consumeMoreIndentedLines(text2, i, indent) {
      let end = i;
      let start = i + 1;
      let ch = text2[start];
      while (ch === " " || ch === "	") {
        if (i < start + indent) {
          ch = text2[++i];
        } else {
          do {
            ch = text2[++i];
          } while (ch && ch !== "\n");
          end = i;
          start = i + 1;
          ch = text2[start];
        }
      }
      return end;
    }
    exports.FOLD_BLOCK = FOLD_BLOCK;
    exports.FOLD_FLOW = FOLD_FLOW;
    exports.FOLD_QUOTED = FOLD_QUOTED;
    exports.foldFlowLines = foldFlowLines;
  }
});

// node_modules/yaml/dist/stringify/stringifyString.js
var require_stringifyString = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyString.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var foldFlowLines = require_foldFlowLines();
    var getFoldOptions = (ctx, isBlock) => ({
      indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
      lineWidth: ctx.options.lineWidth,
      minContentWidth: ctx.options.minContentWidth
    });
    var containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
    function lineLengthOverLimit(str, lineWidth, indentLength) {
      if (!lineWidth || lineWidth < 0)
        return false;
      const limit2 = lineWidth - indentLength;
      const strLen = str.length;
      if (strLen <= limit2)
        return false;
      for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === "\n") {
          if (i - start > limit2)
            return true;
          start = i + 1;
          if (strLen - start <= limit2)
            return false;
        }
      }
      return true;
    }
    function doubleQuotedString(value2, ctx) {
      const json = JSON.stringify(value2);
      if (ctx.options.doubleQuotedAsJSON)
        return json;
      const { implicitKey } = ctx;
      const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
      const indent = ctx.indent || (containsDocumentMarker(value2) ? "  " : "");
      let str = "";
      let start = 0;
      for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === " " && json[i + 1] === "\\" && json[i + 2] === "n") {
          str += json.slice(start, i) + "\\ ";
          i += 1;
          start = i;
          ch = "\\";
        }
        if (ch === "\\")
          switch (json[i + 1]) {
            case "u":
              {
                str += json.slice(start, i);
                const code2 = json.substr(i + 2, 4);
                switch (code2) {
                  case "0000":
                    str += "\\0";
                    break;
                  case "0007":
                    str += "\\a";
                    break;
                  case "000b":
                    str += "\\v";
                    break;
                  case "001b":
                    str += "\\e";
                    break;
                  case "0085":
                    str += "\\N";
                    break;
                  case "00a0":
                    str += "\\_";
                    break;
                  case "2028":
                    str += "\\L";
                    break;
                  case "2029":
                    str += "\\P";
                    break;
                  default:
                    if (code2.substr(0, 2) === "00")
                      str += "\\x" + code2.substr(2);
                    else
                      str += json.substr(i, 6);
                }
                i += 5;
                start = i + 1;
              }
              break;
            case "n":
              if (implicitKey || json[i + 2] === '"' || json.length < minMultiLineLength) {
                i += 1;
              } else {
                str += json.slice(start, i) + "\n\n";
                while (json[i + 2] === "\\" && json[i + 3] === "n" && json[i + 4] !== '"') {
                  str += "\n";
                  i += 2;
                }
                str += indent;
                if (json[i + 2] === " ")
                  str += "\\";
                i += 1;
                start = i + 1;
              }
              break;
            default:
              i += 1;
          }
      }
      str = start ? str + json.slice(start) : json;
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
    }
    function singleQuotedString(value2, ctx) {
      if (ctx.options.singleQuote === false || ctx.implicitKey && value2.includes("\n") || /[ \t]\n|\n[ \t]/.test(value2))
        return doubleQuotedString(value2, ctx);
      const indent = ctx.indent || (containsDocumentMarker(value2) ? "  " : "");
      const res = "'" + value2.replace(/'/g, "''").replace(/\n+/g, `$&
${indent}`) + "'";
      return ctx.implicitKey ? res : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function quotedString(value2, ctx) {
      const { singleQuote } = ctx.options;
      let qs;
      if (singleQuote === false)
        qs = doubleQuotedString;
      else {
        const hasDouble = value2.includes('"');
        const hasSingle = value2.includes("'");
        if (hasDouble && !hasSingle)
          qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
          qs = doubleQuotedString;
        else
          qs = singleQuote ? singleQuotedString : doubleQuotedString;
      }
      return qs(value2, ctx);
    }
    var blockEndNewlines;
    try {
      blockEndNewlines = new RegExp("(^|(?<!\n))\n+(?!\n|$)", "g");
    } catch {
      blockEndNewlines = /\n+(?!\n|$)/g;
    }
    function blockString({ comment, type, value: value2 }, ctx, onComment, onChompKeep) {
      const { blockQuote, commentString, lineWidth } = ctx.options;
      if (!blockQuote || /\n[\t ]+$/.test(value2)) {
        return quotedString(value2, ctx);
      }
      const indent = ctx.indent || (ctx.forceBlockIndent || containsDocumentMarker(value2) ? "  " : "");
      const literal = blockQuote === "literal" ? true : blockQuote === "folded" || type === Scalar.Scalar.BLOCK_FOLDED ? false : type === Scalar.Scalar.BLOCK_LITERAL ? true : !lineLengthOverLimit(value2, lineWidth, indent.length);
      if (!value2)
        return literal ? "|\n" : ">\n";
      let chomp;
      let endStart;
      for (endStart = value2.length; endStart > 0; --endStart) {
        const ch = value2[endStart - 1];
        if (ch !== "\n" && ch !== "	" && ch !== " ")
          break;
      }
      let end = value2.substring(endStart);
      const endNlPos = end.indexOf("\n");
      if (endNlPos === -1) {
        chomp = "-";
      } else if (value2 === end || endNlPos !== end.length - 1) {
        chomp = "+";
        if (onChompKeep)
          onChompKeep();
      } else {
        chomp = "";
      }
      if (end) {
        value2 = value2.slice(0, -end.length);
        if (end[end.length - 1] === "\n")
          end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
      }
      let startWithSpace = false;
      let startEnd;
      let startNlPos = -1;
      for (startEnd = 0; startEnd < value2.length; ++startEnd) {
        const ch = value2[startEnd];
        if (ch === " ")
          startWithSpace = true;
        else if (ch === "\n")
          startNlPos = startEnd;
        else
          break;
      }
      let start = value2.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
      if (start) {
        value2 = value2.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
      }
      const indentSize = indent ? "2" : "1";
      let header = (startWithSpace ? indentSize : "") + chomp;
      if (comment) {
        header += " " + commentString(comment.replace(/ ?[\r\n]+/g, " "));
        if (onComment)
          onComment();
      }
      if (!literal) {
        const foldedValue = value2.replace(/\n+/g, "\n$&").replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, "$1$2").replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== "folded" && type !== Scalar.Scalar.BLOCK_FOLDED) {
          foldOptions.onOverflow = () => {
            literalFallback = true;
          };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
          return `>${header}
${indent}${body}`;
      }
      value2 = value2.replace(/\n+/g, `$&${indent}`);
      return `|${header}
${indent}${start}${value2}${end}`;
    }
    function plainString(item, ctx, onComment, onChompKeep) {
      const { type, value: value2 } = item;
      const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
      if (implicitKey && value2.includes("\n") || inFlow && /[[\]{},]/.test(value2)) {
        return quotedString(value2, ctx);
      }
      if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value2)) {
        return implicitKey || inFlow || !value2.includes("\n") ? quotedString(value2, ctx) : blockString(item, ctx, onComment, onChompKeep);
      }
      if (!implicitKey && !inFlow && type !== Scalar.Scalar.PLAIN && value2.includes("\n")) {
        return blockString(item, ctx, onComment, onChompKeep);
      }
      if (containsDocumentMarker(value2)) {
        if (indent === "") {
          ctx.forceBlockIndent = true;
          return blockString(item, ctx, onComment, onChompKeep);
        } else if (implicitKey && indent === indentStep) {
          return quotedString(value2, ctx);
        }
      }
      const str = value2.replace(/\n+/g, `$&
${indent}`);
      if (actualString) {
        const test = (tag) => tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
          return quotedString(value2, ctx);
      }
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function stringifyString(item, ctx, onComment, onChompKeep) {
      const { implicitKey, inFlow } = ctx;
      const ss = typeof item.value === "string" ? item : Object.assign({}, item, { value: String(item.value) });
      let { type } = item;
      if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
          type = Scalar.Scalar.QUOTE_DOUBLE;
      }
      const _stringify = (_type) => {
        switch (_type) {
          case Scalar.Scalar.BLOCK_FOLDED:
          case Scalar.Scalar.BLOCK_LITERAL:
            return implicitKey || inFlow ? quotedString(ss.value, ctx) : blockString(ss, ctx, onComment, onChompKeep);
          case Scalar.Scalar.QUOTE_DOUBLE:
            return doubleQuotedString(ss.value, ctx);
          case Scalar.Scalar.QUOTE_SINGLE:
            return singleQuotedString(ss.value, ctx);
          case Scalar.Scalar.PLAIN:
            return plainString(ss, ctx, onComment, onChompKeep);
          default:
            return null;
        }
      };
      let res = _stringify(type);
      if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = implicitKey && defaultKeyType || defaultStringType;
        res = _stringify(t);
        if (res === null)
          throw new Error(`Unsupported default string type ${t}`);
      }
      return res;
    }
    exports.stringifyString = stringifyString;
  }
});

// node_modules/yaml/dist/stringify/stringify.js
var require_stringify = __commonJS({
  "node_modules/yaml/dist/stringify/stringify.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var identity = require_identity();
    var stringifyComment = require_stringifyComment();
    var stringifyString = require_stringifyString();
    function createStringifyContext(doc, options) {
      const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: "PLAIN",
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: "false",
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: "null",
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: "true",
        verifyAliasOrder: true
      }, doc.schema.toStringOptions, options);
      let inFlow;
      switch (opt.collectionStyle) {
        case "block":
          inFlow = false;
          break;
        case "flow":
          inFlow = true;
          break;
        default:
          inFlow = null;
      }
      return {
        anchors: /* @__PURE__ */ new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? " " : "",
        indent: "",
        indentStep: typeof opt.indent === "number" ? " ".repeat(opt.indent) : "  ",
        inFlow,
        options: opt
      };
    }
    function getTagObject(tags, item) {
      if (item.tag) {
        const match = tags.filter((t) => t.tag === item.tag);
        if (match.length > 0)
          return match.find((t) => t.format === item.format) ?? match[0];
      }
      let tagObj = void 0;
      let obj;
      if (identity.isScalar(item)) {
        obj = item.value;
        let match = tags.filter((t) => t.identify?.(obj));
        if (match.length > 1) {
          const testMatch = match.filter((t) => t.test);
          if (testMatch.length > 0)
            match = testMatch;
        }
        tagObj = match.find((t) => t.format === item.format) ?? match.find((t) => !t.format);
      } else {
        obj = item;
        tagObj = tags.find((t) => t.nodeClass && obj instanceof t.nodeClass);
      }
      if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? "null" : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
      }
      return tagObj;
    }
    function stringifyProps(node2, tagObj, { anchors: anchors$1, doc }) {
      if (!doc.directives)
        return "";
      const props = [];
      const anchor = (identity.isScalar(node2) || identity.isCollection(node2)) && node2.anchor;
      if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
      }
      const tag = node2.tag ?? (tagObj.default ? null : tagObj.tag);
      if (tag)
        props.push(doc.directives.tagString(tag));
      return props.join(" ");
    }
    function stringify(item, ctx, onComment, onChompKeep) {
      if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
      if (identity.isAlias(item)) {
        if (ctx.doc.directives)
          return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
          throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        } else {
          if (ctx.resolvedAliases)
            ctx.resolvedAliases.add(item);
          else
            ctx.resolvedAliases = /* @__PURE__ */ new Set([item]);
          item = item.resolve(ctx.doc);
        }
      }
      let tagObj = void 0;
      const node2 = identity.isNode(item) ? item : ctx.doc.createNode(item, { onTagObj: (o) => tagObj = o });
      tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node2));
      const props = stringifyProps(node2, tagObj, ctx);
      if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
      const str = typeof tagObj.stringify === "function" ? tagObj.stringify(node2, ctx, onComment, onChompKeep) : identity.isScalar(node2) ? stringifyString.stringifyString(node2, ctx, onComment, onChompKeep) : node2.toString(ctx, onComment, onChompKeep);
      if (!props)
        return str;
      return identity.isScalar(node2) || str[0] === "{" || str[0] === "[" ? `${props} ${str}` : `${props}
${ctx.indent}${str}`;
    }
    exports.createStringifyContext = createStringifyContext;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/stringify/stringifyPair.js
var require_stringifyPair = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyPair.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyPair({ key: key2, value: value2 }, ctx, onComment, onChompKeep) {
      const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
      let keyComment = identity.isNode(key2) && key2.comment || null;
      if (simpleKeys) {
        if (keyComment) {
          throw new Error("With simple keys, key nodes cannot have comments");
        }
        if (identity.isCollection(key2) || !identity.isNode(key2) && typeof key2 === "object") {
          const msg = "With simple keys, collection cannot be used as a key value";
          throw new Error(msg);
        }
      }
      let explicitKey = !simpleKeys && (!key2 || keyComment && value2 == null && !ctx.inFlow || identity.isCollection(key2) || (identity.isScalar(key2) ? key2.type === Scalar.Scalar.BLOCK_FOLDED || key2.type === Scalar.Scalar.BLOCK_LITERAL : typeof key2 === "object"));
      ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
      });
      let keyCommentDone = false;
      let chompKeep = false;
      let str = stringify.stringify(key2, ctx, () => keyCommentDone = true, () => chompKeep = true);
      if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
          throw new Error("With simple keys, single line scalar must not span more than 1024 characters");
        explicitKey = true;
      }
      if (ctx.inFlow) {
        if (allNullValues || value2 == null) {
          if (keyCommentDone && onComment)
            onComment();
          return str === "" ? "?" : explicitKey ? `? ${str}` : str;
        }
      } else if (allNullValues && !simpleKeys || value2 == null && explicitKey) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        } else if (chompKeep && onChompKeep)
          onChompKeep();
        return str;
      }
      if (keyCommentDone)
        keyComment = null;
      if (explicitKey) {
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}
${indent}:`;
      } else {
        str = `${str}:`;
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
      }
      let vsb, vcb, valueComment;
      if (identity.isNode(value2)) {
        vsb = !!value2.spaceBefore;
        vcb = value2.commentBefore;
        valueComment = value2.comment;
      } else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value2 && typeof value2 === "object")
          value2 = doc.createNode(value2);
      }
      ctx.implicitKey = false;
      if (!explicitKey && !keyComment && identity.isScalar(value2))
        ctx.indentAtStart = str.length + 1;
      chompKeep = false;
      if (!indentSeq && indentStep.length >= 2 && !ctx.inFlow && !explicitKey && identity.isSeq(value2) && !value2.flow && !value2.tag && !value2.anchor) {
        ctx.indent = ctx.indent.substring(2);
      }
      let valueCommentDone = false;
      const valueStr = stringify.stringify(value2, ctx, () => valueCommentDone = true, () => chompKeep = true);
      let ws = " ";
      if (keyComment || vsb || vcb) {
        ws = vsb ? "\n" : "";
        if (vcb) {
          const cs = commentString(vcb);
          ws += `
${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === "" && !ctx.inFlow) {
          if (ws === "\n" && valueComment)
            ws = "\n\n";
        } else {
          ws += `
${ctx.indent}`;
        }
      } else if (!explicitKey && identity.isCollection(value2)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf("\n");
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value2.flow ?? value2.items.length === 0;
        if (hasNewline || !flow) {
          let hasPropsLine = false;
          if (hasNewline && (vs0 === "&" || vs0 === "!")) {
            let sp0 = valueStr.indexOf(" ");
            if (vs0 === "&" && sp0 !== -1 && sp0 < nl0 && valueStr[sp0 + 1] === "!") {
              sp0 = valueStr.indexOf(" ", sp0 + 1);
            }
            if (sp0 === -1 || nl0 < sp0)
              hasPropsLine = true;
          }
          if (!hasPropsLine)
            ws = `
${ctx.indent}`;
        }
      } else if (valueStr === "" || valueStr[0] === "\n") {
        ws = "";
      }
      str += ws + valueStr;
      if (ctx.inFlow) {
        if (valueCommentDone && onComment)
          onComment();
      } else if (valueComment && !valueCommentDone) {
        str += stringifyComment.lineComment(str, ctx.indent, commentString(valueComment));
      } else if (chompKeep && onChompKeep) {
        onChompKeep();
      }
      return str;
    }
    exports.stringifyPair = stringifyPair;
  }
});

// node_modules/yaml/dist/log.js
var require_log = __commonJS({
  "node_modules/yaml/dist/log.js"(exports) {
    "use strict";
    var node_process = __require("process");
    function debug(logLevel, ...messages) {
      if (logLevel === "debug")
        console.log(...messages);
    }
    function warn(logLevel, warning) {
      if (logLevel === "debug" || logLevel === "warn") {
        if (typeof node_process.emitWarning === "function")
          node_process.emitWarning(warning);
        else
          console.warn(warning);
      }
    }
    exports.debug = debug;
    exports.warn = warn;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/merge.js
var require_merge = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/merge.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var MERGE_KEY = "<<";
    var merge = {
      identify: (value2) => value2 === MERGE_KEY || typeof value2 === "symbol" && value2.description === MERGE_KEY,
      default: "key",
      tag: "tag:yaml.org,2002:merge",
      test: /^<<$/,
      resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
      }),
      stringify: () => MERGE_KEY
    };
    var isMergeKey = (ctx, key2) => (merge.identify(key2) || identity.isScalar(key2) && (!key2.type || key2.type === Scalar.Scalar.PLAIN) && merge.identify(key2.value)) && ctx?.doc.schema.tags.some((tag) => tag.tag === merge.tag && tag.default);
    function addMergeToJSMap(ctx, map, value2) {
      const source = resolveAliasValue(ctx, value2);
      if (identity.isSeq(source))
        for (const it of source.items)
          mergeValue(ctx, map, it);
      else if (Array.isArray(source))
        for (const it of source)
          mergeValue(ctx, map, it);
      else
        mergeValue(ctx, map, source);
    }
    function mergeValue(ctx, map, value2) {
      const source = resolveAliasValue(ctx, value2);
      if (!identity.isMap(source))
        throw new Error("Merge sources must be maps or map aliases");
      const srcMap = source.toJSON(null, ctx, Map);
      for (const [key2, value3] of srcMap) {
        if (map instanceof Map) {
          if (!map.has(key2))
            map.set(key2, value3);
        } else if (map instanceof Set) {
          map.add(key2);
        } else if (!Object.prototype.hasOwnProperty.call(map, key2)) {
          Object.defineProperty(map, key2, {
            value: value3,
            writable: true,
            enumerable: true,
            configurable: true
          });
        }
      }
      return map;
    }
    function resolveAliasValue(ctx, value2) {
      return ctx && identity.isAlias(value2) ? value2.resolve(ctx.doc, ctx) : value2;
    }
    exports.addMergeToJSMap = addMergeToJSMap;
    exports.isMergeKey = isMergeKey;
    exports.merge = merge;
  }
});

// node_modules/yaml/dist/nodes/addPairToJSMap.js
var require_addPairToJSMap = __commonJS({
  "node_modules/yaml/dist/nodes/addPairToJSMap.js"(exports) {
    "use strict";
    var log = require_log();
    var merge = require_merge();
    var stringify = require_stringify();
    var identity = require_identity();
    var toJS = require_toJS();
    function addPairToJSMap(ctx, map, { key: key2, value: value2 }) {
      if (identity.isNode(key2) && key2.addToJSMap)
        key2.addToJSMap(ctx, map, value2);
      else if (merge.isMergeKey(ctx, key2))
        merge.addMergeToJSMap(ctx, map, value2);
      else {
        const jsKey = toJS.toJS(key2, "", ctx);
        if (map instanceof Map) {
          map.set(jsKey, toJS.toJS(value2, jsKey, ctx));
        } else if (map instanceof Set) {
          map.add(jsKey);
        } else {
          const stringKey = stringifyKey(key2, jsKey, ctx);
          const jsValue = toJS.toJS(value2, stringKey, ctx);
          if (stringKey in map)
            Object.defineProperty(map, stringKey, {
              value: jsValue,
              writable: true,
              enumerable: true,
              configurable: true
            });
          else
            map[stringKey] = jsValue;
        }
      }
      return map;
    }
    function stringifyKey(key2, jsKey, ctx) {
      if (jsKey === null)
        return "";
      if (typeof jsKey !== "object")
        return String(jsKey);
      if (identity.isNode(key2) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = /* @__PURE__ */ new Set();
        for (const node2 of ctx.anchors.keys())
          strCtx.anchors.add(node2.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key2.toString(strCtx);
        if (!ctx.mapKeyWarned) {
          let jsonStr = JSON.stringify(strKey);
          if (jsonStr.length > 40)
            jsonStr = jsonStr.substring(0, 36) + '..."';
          log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
          ctx.mapKeyWarned = true;
        }
        return strKey;
      }
      return JSON.stringify(jsKey);
    }
    exports.addPairToJSMap = addPairToJSMap;
  }
});

// node_modules/yaml/dist/nodes/Pair.js
var require_Pair = __commonJS({
  "node_modules/yaml/dist/nodes/Pair.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyPair = require_stringifyPair();
    var addPairToJSMap = require_addPairToJSMap();
    var identity = require_identity();
    function createPair(key2, value2, ctx) {
      const k = createNode.createNode(key2, void 0, ctx);
      const v = createNode.createNode(value2, void 0, ctx);
      return new Pair(k, v);
    }
    var Pair = class _Pair {
      constructor(key2, value2 = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key2;
        this.value = value2;
      }
      clone(schema) {
        let { key: key2, value: value2 } = this;
        if (identity.isNode(key2))
          key2 = key2.clone(schema);
        if (identity.isNode(value2))
          value2 = value2.clone(schema);
        return new _Pair(key2, value2);
      }
      toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
      }
      toString(ctx, onComment, onChompKeep) {
        return ctx?.doc ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep) : JSON.stringify(this);
      }
    };
    exports.Pair = Pair;
    exports.createPair = createPair;
  }
});

// node_modules/yaml/dist/stringify/stringifyCollection.js
var require_stringifyCollection = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyCollection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyCollection(collection, ctx, options) {
      const flow = ctx.inFlow ?? collection.flow;
      const stringify2 = flow ? stringifyFlowCollection : stringifyBlockCollection;
      return stringify2(collection, ctx, options);
    }
    function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
      const { indent, options: { commentString } } = ctx;
      const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
      let chompKeep = false;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment2 = null;
        if (identity.isNode(item)) {
          if (!chompKeep && item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
          if (item.comment)
            comment2 = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (!chompKeep && ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
          }
        }
        chompKeep = false;
        let str2 = stringify.stringify(item, itemCtx, () => comment2 = null, () => chompKeep = true);
        if (comment2)
          str2 += stringifyComment.lineComment(str2, itemIndent, commentString(comment2));
        if (chompKeep && comment2)
          chompKeep = false;
        lines.push(blockItemPrefix + str2);
      }
      let str;
      if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
      } else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
          const line = lines[i];
          str += line ? `
${indent}${line}` : "\n";
        }
      }
      if (comment) {
        str += "\n" + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
          onComment();
      } else if (chompKeep && onChompKeep)
        onChompKeep();
      return str;
    }
    function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
      const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
      itemIndent += indentStep;
      const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
      });
      let reqNewline = false;
      let linesAtValue = 0;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
          if (item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, false);
          if (item.comment)
            comment = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, false);
            if (ik.comment)
              reqNewline = true;
          }
          const iv = identity.isNode(item.value) ? item.value : null;
          if (iv) {
            if (iv.comment)
              comment = iv.comment;
            if (iv.commentBefore)
              reqNewline = true;
          } else if (item.value == null && ik?.comment) {
            comment = ik.comment;
          }
        }
        if (comment)
          reqNewline = true;
        let str = stringify.stringify(item, itemCtx, () => comment = null);
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes("\n"));
        if (i < items.length - 1) {
          str += ",";
        } else if (ctx.options.trailingComma) {
          if (ctx.options.lineWidth > 0) {
            reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) + (str.length + 2) > ctx.options.lineWidth);
          }
          if (reqNewline) {
            str += ",";
          }
        }
        if (comment)
          str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
      }
      const { start, end } = flowChars;
      if (lines.length === 0) {
        return start + end;
      } else {
        if (!reqNewline) {
          const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
          reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
          let str = start;
          for (const line of lines)
            str += line ? `
${indentStep}${indent}${line}` : "\n";
          return `${str}
${indent}${end}`;
        } else {
          return `${start}${fcPadding}${lines.join(" ")}${fcPadding}${end}`;
        }
      }
    }
    function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
      if (comment && chompKeep)
        comment = comment.replace(/^\n+/, "");
      if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart());
      }
    }
    exports.stringifyCollection = stringifyCollection;
  }
});

// node_modules/yaml/dist/nodes/YAMLMap.js
var require_YAMLMap = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLMap.js"(exports) {
    "use strict";
    var stringifyCollection = require_stringifyCollection();
    var addPairToJSMap = require_addPairToJSMap();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    function findPair(items, key2) {
      const k = identity.isScalar(key2) ? key2.value : key2;
      for (const it of items) {
        if (identity.isPair(it)) {
          if (it.key === key2 || it.key === k)
            return it;
          if (identity.isScalar(it.key) && it.key.value === k)
            return it;
        }
      }
      return void 0;
    }
    var YAMLMap = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:map";
      }
      constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
      }
      /**
       * A generic collection parsing method that can be extended
       * to other node classes that inherit from YAMLMap
       */
      static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key2, value2) => {
          if (typeof replacer === "function")
            value2 = replacer.call(obj, key2, value2);
          else if (Array.isArray(replacer) && !replacer.includes(key2))
            return;
          if (value2 !== void 0 || keepUndefined)
            map.items.push(Pair.createPair(key2, value2, ctx));
        };
        if (obj instanceof Map) {
          for (const [key2, value2] of obj)
            add(key2, value2);
        } else if (obj && typeof obj === "object") {
          for (const key2 of Object.keys(obj))
            add(key2, obj[key2]);
        }
        if (typeof schema.sortMapEntries === "function") {
          map.items.sort(schema.sortMapEntries);
        }
        return map;
      }
      /**
       * Adds a value to the collection.
       *
       * @param overwrite - If not set `true`, using a key that is already in the
       *   collection will throw. Otherwise, overwrites the previous value.
       */
      add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
          _pair = pair;
        else if (!pair || typeof pair !== "object" || !("key" in pair)) {
          _pair = new Pair.Pair(pair, pair?.value);
        } else
          _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
          if (!overwrite)
            throw new Error(`Key ${_pair.key} already set`);
          if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
            prev.value.value = _pair.value;
          else
            prev.value = _pair.value;
        } else if (sortEntries) {
          const i = this.items.findIndex((item) => sortEntries(_pair, item) < 0);
          if (i === -1)
            this.items.push(_pair);
          else
            this.items.splice(i, 0, _pair);
        } else {
          this.items.push(_pair);
        }
      }
      delete(key2) {
        const it = findPair(this.items, key2);
        if (!it)
          return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
      }
      get(key2, keepScalar) {
        const it = findPair(this.items, key2);
        const node2 = it?.value;
        return (!keepScalar && identity.isScalar(node2) ? node2.value : node2) ?? void 0;
      }
      has(key2) {
        return !!findPair(this.items, key2);
      }
      set(key2, value2) {
        this.add(new Pair.Pair(key2, value2), true);
      }
      /**
       * @param ctx - Conversion context, originally set in Document#toJS()
       * @param {Class} Type - If set, forces the returned collection type
       * @returns Instance of Type, Map, or Object
       */
      toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const item of this.items)
          addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        for (const item of this.items) {
          if (!identity.isPair(item))
            throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
          ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "",
          flowChars: { start: "{", end: "}" },
          itemIndent: ctx.indent || "",
          onChompKeep,
          onComment
        });
      }
    };
    exports.YAMLMap = YAMLMap;
    exports.findPair = findPair;
  }
});

// node_modules/yaml/dist/schema/common/map.js
var require_map = __commonJS({
  "node_modules/yaml/dist/schema/common/map.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLMap = require_YAMLMap();
    var map = {
      collection: "map",
      default: true,
      nodeClass: YAMLMap.YAMLMap,
      tag: "tag:yaml.org,2002:map",
      resolve(map2, onError) {
        if (!identity.isMap(map2))
          onError("Expected a mapping for this tag");
        return map2;
      },
      createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
    };
    exports.map = map;
  }
});

// node_modules/yaml/dist/nodes/YAMLSeq.js
var require_YAMLSeq = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLSeq.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyCollection = require_stringifyCollection();
    var Collection = require_Collection();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var toJS = require_toJS();
    var YAMLSeq = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:seq";
      }
      constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
      }
      add(value2) {
        this.items.push(value2);
      }
      /**
       * Removes a value from the collection.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       *
       * @returns `true` if the item was found and removed.
       */
      delete(key2) {
        const idx = asItemIndex(key2);
        if (typeof idx !== "number")
          return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
      }
      get(key2, keepScalar) {
        const idx = asItemIndex(key2);
        if (typeof idx !== "number")
          return void 0;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       */
      has(key2) {
        const idx = asItemIndex(key2);
        return typeof idx === "number" && idx < this.items.length;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       *
       * If `key` does not contain a representation of an integer, this will throw.
       * It may be wrapped in a `Scalar`.
       */
      set(key2, value2) {
        const idx = asItemIndex(key2);
        if (typeof idx !== "number")
          throw new Error(`Expected a valid index, not ${key2}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value2))
          prev.value = value2;
        else
          this.items[idx] = value2;
      }
      toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
          ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
          seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "- ",
          flowChars: { start: "[", end: "]" },
          itemIndent: (ctx.indent || "") + "  ",
          onChompKeep,
          onComment
        });
      }
      static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
          let i = 0;
          for (let it of obj) {
            if (typeof replacer === "function") {
              const key2 = obj instanceof Set ? it : String(i++);
              it = replacer.call(obj, key2, it);
            }
            seq.items.push(createNode.createNode(it, void 0, ctx));
          }
        }
        return seq;
      }
    };
    function asItemIndex(key2) {
      let idx = identity.isScalar(key2) ? key2.value : key2;
      if (idx && typeof idx === "string")
        idx = Number(idx);
      return typeof idx === "number" && Number.isInteger(idx) && idx >= 0 ? idx : null;
    }
    exports.YAMLSeq = YAMLSeq;
  }
});

// node_modules/yaml/dist/schema/common/seq.js
var require_seq = __commonJS({
  "node_modules/yaml/dist/schema/common/seq.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLSeq = require_YAMLSeq();
    var seq = {
      collection: "seq",
      default: true,
      nodeClass: YAMLSeq.YAMLSeq,
      tag: "tag:yaml.org,2002:seq",
      resolve(seq2, onError) {
        if (!identity.isSeq(seq2))
          onError("Expected a sequence for this tag");
        return seq2;
      },
      createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
    };
    exports.seq = seq;
  }
});

// node_modules/yaml/dist/schema/common/string.js
var require_string = __commonJS({
  "node_modules/yaml/dist/schema/common/string.js"(exports) {
    "use strict";
    var stringifyString = require_stringifyString();
    var string = {
      identify: (value2) => typeof value2 === "string",
      default: true,
      tag: "tag:yaml.org,2002:str",
      resolve: (str) => str,
      stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
      }
    };
    exports.string = string;
  }
});

// node_modules/yaml/dist/schema/common/null.js
var require_null = __commonJS({
  "node_modules/yaml/dist/schema/common/null.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var nullTag = {
      identify: (value2) => value2 == null,
      createNode: () => new Scalar.Scalar(null),
      default: true,
      tag: "tag:yaml.org,2002:null",
      test: /^(?:~|[Nn]ull|NULL)?$/,
      resolve: () => new Scalar.Scalar(null),
      stringify: ({ source }, ctx) => typeof source === "string" && nullTag.test.test(source) ? source : ctx.options.nullStr
    };
    exports.nullTag = nullTag;
  }
});

// node_modules/yaml/dist/schema/core/bool.js
var require_bool = __commonJS({
  "node_modules/yaml/dist/schema/core/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var boolTag = {
      identify: (value2) => typeof value2 === "boolean",
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
      resolve: (str) => new Scalar.Scalar(str[0] === "t" || str[0] === "T"),
      stringify({ source, value: value2 }, ctx) {
        if (source && boolTag.test.test(source)) {
          const sv = source[0] === "t" || source[0] === "T";
          if (value2 === sv)
            return source;
        }
        return value2 ? ctx.options.trueStr : ctx.options.falseStr;
      }
    };
    exports.boolTag = boolTag;
  }
});

// node_modules/yaml/dist/stringify/stringifyNumber.js
var require_stringifyNumber = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyNumber.js"(exports) {
    "use strict";
    function stringifyNumber({ format, minFractionDigits, tag, value: value2 }) {
      if (typeof value2 === "bigint")
        return String(value2);
      const num2 = typeof value2 === "number" ? value2 : Number(value2);
      if (!isFinite(num2))
        return isNaN(num2) ? ".nan" : num2 < 0 ? "-.inf" : ".inf";
      let n = Object.is(value2, -0) ? "-0" : JSON.stringify(value2);
      if (!format && minFractionDigits && (!tag || tag === "tag:yaml.org,2002:float") && /^-?\d/.test(n) && !n.includes("e")) {
        let i = n.indexOf(".");
        if (i < 0) {
          i = n.length;
          n += ".";
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
          n += "0";
      }
      return n;
    }
    exports.stringifyNumber = stringifyNumber;
  }
});

// node_modules/yaml/dist/schema/core/float.js
var require_float = __commonJS({
  "node_modules/yaml/dist/schema/core/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value2) => typeof value2 === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value2) => typeof value2 === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str),
      stringify(node2) {
        const num2 = Number(node2.value);
        return isFinite(num2) ? num2.toExponential() : stringifyNumber.stringifyNumber(node2);
      }
    };
    var float = {
      identify: (value2) => typeof value2 === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
      resolve(str) {
        const node2 = new Scalar.Scalar(parseFloat(str));
        const dot = str.indexOf(".");
        if (dot !== -1 && str[str.length - 1] === "0")
          node2.minFractionDigits = str.length - dot - 1;
        return node2;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/core/int.js
var require_int = __commonJS({
  "node_modules/yaml/dist/schema/core/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value2) => typeof value2 === "bigint" || Number.isInteger(value2);
    var intResolve = (str, offset, radix, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix);
    function intStringify(node2, radix, prefix) {
      const { value: value2 } = node2;
      if (intIdentify(value2) && value2 >= 0)
        return prefix + value2.toString(radix);
      return stringifyNumber.stringifyNumber(node2);
    }
    var intOct = {
      identify: (value2) => intIdentify(value2) && value2 >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^0o[0-7]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 8, opt),
      stringify: (node2) => intStringify(node2, 8, "0o")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: (value2) => intIdentify(value2) && value2 >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^0x[0-9a-fA-F]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node2) => intStringify(node2, 16, "0x")
    };
    exports.int = int;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/core/schema.js
var require_schema = __commonJS({
  "node_modules/yaml/dist/schema/core/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool2 = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool2.boolTag,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/json/schema.js
var require_schema2 = __commonJS({
  "node_modules/yaml/dist/schema/json/schema.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var map = require_map();
    var seq = require_seq();
    function intIdentify(value2) {
      return typeof value2 === "bigint" || Number.isInteger(value2);
    }
    var stringifyJSON = ({ value: value2 }) => JSON.stringify(value2);
    var jsonScalars = [
      {
        identify: (value2) => typeof value2 === "string",
        default: true,
        tag: "tag:yaml.org,2002:str",
        resolve: (str) => str,
        stringify: stringifyJSON
      },
      {
        identify: (value2) => value2 == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: "tag:yaml.org,2002:null",
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
      },
      {
        identify: (value2) => typeof value2 === "boolean",
        default: true,
        tag: "tag:yaml.org,2002:bool",
        test: /^true$|^false$/,
        resolve: (str) => str === "true",
        stringify: stringifyJSON
      },
      {
        identify: intIdentify,
        default: true,
        tag: "tag:yaml.org,2002:int",
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value: value2 }) => intIdentify(value2) ? value2.toString() : JSON.stringify(value2)
      },
      {
        identify: (value2) => typeof value2 === "number",
        default: true,
        tag: "tag:yaml.org,2002:float",
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: (str) => parseFloat(str),
        stringify: stringifyJSON
      }
    ];
    var jsonError = {
      default: true,
      tag: "",
      test: /^/,
      resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
      }
    };
    var schema = [map.map, seq.seq].concat(jsonScalars, jsonError);
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/binary.js
var require_binary = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/binary.js"(exports) {
    "use strict";
    var node_buffer = __require("buffer");
    var Scalar = require_Scalar();
    var stringifyString = require_stringifyString();
    var binary2 = {
      identify: (value2) => value2 instanceof Uint8Array,
      // Buffer inherits from Uint8Array
      default: false,
      tag: "tag:yaml.org,2002:binary",
      /**
       * Returns a Buffer in node and an Uint8Array in browsers
       *
       * To use the resulting buffer as an image, you'll want to do something like:
       *
       *   const blob = new Blob([buffer], { type: 'image/jpeg' })
       *   document.querySelector('#photo').src = URL.createObjectURL(blob)
       */
      resolve(src, onError) {
        if (typeof node_buffer.Buffer === "function") {
          return node_buffer.Buffer.from(src, "base64");
        } else if (typeof atob === "function") {
          const str = atob(src.replace(/[\n\r]/g, ""));
          const buffer = new Uint8Array(str.length);
          for (let i = 0; i < str.length; ++i)
            buffer[i] = str.charCodeAt(i);
          return buffer;
        } else {
          onError("This environment does not support reading binary tags; either Buffer or atob is required");
          return src;
        }
      },
      stringify({ comment, type, value: value2 }, ctx, onComment, onChompKeep) {
        if (!value2)
          return "";
        const buf = value2;
        let str;
        if (typeof node_buffer.Buffer === "function") {
          str = buf instanceof node_buffer.Buffer ? buf.toString("base64") : node_buffer.Buffer.from(buf.buffer).toString("base64");
        } else if (typeof btoa === "function") {
          let s = "";
          for (let i = 0; i < buf.length; ++i)
            s += String.fromCharCode(buf[i]);
          str = btoa(s);
        } else {
          throw new Error("This environment does not support writing binary tags; either Buffer or btoa is required");
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
          const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
          const n = Math.ceil(str.length / lineWidth);
          const lines = new Array(n);
          for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
            lines[i] = str.substr(o, lineWidth);
          }
          str = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? "\n" : " ");
        }
        return stringifyString.stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
      }
    };
    exports.binary = binary2;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/pairs.js
var require_pairs = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/pairs.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLSeq = require_YAMLSeq();
    function resolvePairs(seq, onError) {
      if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
          let item = seq.items[i];
          if (identity.isPair(item))
            continue;
          else if (identity.isMap(item)) {
            if (item.items.length > 1)
              onError("Each pair must have its own sequence indicator");
            const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
            if (item.commentBefore)
              pair.key.commentBefore = pair.key.commentBefore ? `${item.commentBefore}
${pair.key.commentBefore}` : item.commentBefore;
            if (item.comment) {
              const cn = pair.value ?? pair.key;
              cn.comment = cn.comment ? `${item.comment}
${cn.comment}` : item.comment;
            }
            item = pair;
          }
          seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
      } else
        onError("Expected a sequence for this tag");
      return seq;
    }
    function createPairs(schema, iterable, ctx) {
      const { replacer } = ctx;
      const pairs2 = new YAMLSeq.YAMLSeq(schema);
      pairs2.tag = "tag:yaml.org,2002:pairs";
      let i = 0;
      if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
          if (typeof replacer === "function")
            it = replacer.call(iterable, String(i++), it);
          let key2, value2;
          if (Array.isArray(it)) {
            if (it.length === 2) {
              key2 = it[0];
              value2 = it[1];
            } else
              throw new TypeError(`Expected [key, value] tuple: ${it}`);
          } else if (it && it instanceof Object) {
            const keys = Object.keys(it);
            if (keys.length === 1) {
              key2 = keys[0];
              value2 = it[key2];
            } else {
              throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
            }
          } else {
            key2 = it;
          }
          pairs2.items.push(Pair.createPair(key2, value2, ctx));
        }
      return pairs2;
    }
    var pairs = {
      collection: "seq",
      default: false,
      tag: "tag:yaml.org,2002:pairs",
      resolve: resolvePairs,
      createNode: createPairs
    };
    exports.createPairs = createPairs;
    exports.pairs = pairs;
    exports.resolvePairs = resolvePairs;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/omap.js
var require_omap = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/omap.js"(exports) {
    "use strict";
    var identity = require_identity();
    var toJS = require_toJS();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var pairs = require_pairs();
    var YAMLOMap = class _YAMLOMap extends YAMLSeq.YAMLSeq {
      constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = _YAMLOMap.tag;
      }
      /**
       * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
       * but TypeScript won't allow widening the signature of a child method.
       */
      toJSON(_, ctx) {
        if (!ctx)
          return super.toJSON(_);
        const map = /* @__PURE__ */ new Map();
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const pair of this.items) {
          let key2, value2;
          if (identity.isPair(pair)) {
            key2 = toJS.toJS(pair.key, "", ctx);
            value2 = toJS.toJS(pair.value, key2, ctx);
          } else {
            key2 = toJS.toJS(pair, "", ctx);
          }
          if (map.has(key2))
            throw new Error("Ordered maps must not include duplicate keys");
          map.set(key2, value2);
        }
        return map;
      }
      static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap2 = new this();
        omap2.items = pairs$1.items;
        return omap2;
      }
    };
    YAMLOMap.tag = "tag:yaml.org,2002:omap";
    var omap = {
      collection: "seq",
      identify: (value2) => value2 instanceof Map,
      nodeClass: YAMLOMap,
      default: false,
      tag: "tag:yaml.org,2002:omap",
      resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key: key2 } of pairs$1.items) {
          if (identity.isScalar(key2)) {
            if (seenKeys.includes(key2.value)) {
              onError(`Ordered maps must not include duplicate keys: ${key2.value}`);
            } else {
              seenKeys.push(key2.value);
            }
          }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
      },
      createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
    };
    exports.YAMLOMap = YAMLOMap;
    exports.omap = omap;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/bool.js
var require_bool2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function boolStringify({ value: value2, source }, ctx) {
      const boolObj = value2 ? trueTag : falseTag;
      if (source && boolObj.test.test(source))
        return source;
      return value2 ? ctx.options.trueStr : ctx.options.falseStr;
    }
    var trueTag = {
      identify: (value2) => value2 === true,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
      resolve: () => new Scalar.Scalar(true),
      stringify: boolStringify
    };
    var falseTag = {
      identify: (value2) => value2 === false,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
      resolve: () => new Scalar.Scalar(false),
      stringify: boolStringify
    };
    exports.falseTag = falseTag;
    exports.trueTag = trueTag;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/float.js
var require_float2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value2) => typeof value2 === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value2) => typeof value2 === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str.replace(/_/g, "")),
      stringify(node2) {
        const num2 = Number(node2.value);
        return isFinite(num2) ? num2.toExponential() : stringifyNumber.stringifyNumber(node2);
      }
    };
    var float = {
      identify: (value2) => typeof value2 === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
      resolve(str) {
        const node2 = new Scalar.Scalar(parseFloat(str.replace(/_/g, "")));
        const dot = str.indexOf(".");
        if (dot !== -1) {
          const f = str.substring(dot + 1).replace(/_/g, "");
          if (f[f.length - 1] === "0")
            node2.minFractionDigits = f.length;
        }
        return node2;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/int.js
var require_int2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value2) => typeof value2 === "bigint" || Number.isInteger(value2);
    function intResolve(str, offset, radix, { intAsBigInt }) {
      const sign2 = str[0];
      if (sign2 === "-" || sign2 === "+")
        offset += 1;
      str = str.substring(offset).replace(/_/g, "");
      if (intAsBigInt) {
        switch (radix) {
          case 2:
            str = `0b${str}`;
            break;
          case 8:
            str = `0o${str}`;
            break;
          case 16:
            str = `0x${str}`;
            break;
        }
        const n3 = BigInt(str);
        return sign2 === "-" ? BigInt(-1) * n3 : n3;
      }
      const n = parseInt(str, radix);
      return sign2 === "-" ? -1 * n : n;
    }
    function intStringify(node2, radix, prefix) {
      const { value: value2 } = node2;
      if (intIdentify(value2)) {
        const str = value2.toString(radix);
        return value2 < 0 ? "-" + prefix + str.substr(1) : prefix + str;
      }
      return stringifyNumber.stringifyNumber(node2);
    }
    var intBin = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "BIN",
      test: /^[-+]?0b[0-1_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
      stringify: (node2) => intStringify(node2, 2, "0b")
    };
    var intOct = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^[-+]?0[0-7_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
      stringify: (node2) => intStringify(node2, 8, "0")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9][0-9_]*$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^[-+]?0x[0-9a-fA-F_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node2) => intStringify(node2, 16, "0x")
    };
    exports.int = int;
    exports.intBin = intBin;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/set.js
var require_set = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/set.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSet = class _YAMLSet extends YAMLMap.YAMLMap {
      constructor(schema) {
        super(schema);
        this.tag = _YAMLSet.tag;
      }
      add(key2) {
        let pair;
        if (identity.isPair(key2))
          pair = key2;
        else if (key2 && typeof key2 === "object" && "key" in key2 && "value" in key2 && key2.value === null)
          pair = new Pair.Pair(key2.key, null);
        else
          pair = new Pair.Pair(key2, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
          this.items.push(pair);
      }
      /**
       * If `keepPair` is `true`, returns the Pair matching `key`.
       * Otherwise, returns the value of that Pair's key.
       */
      get(key2, keepPair) {
        const pair = YAMLMap.findPair(this.items, key2);
        return !keepPair && identity.isPair(pair) ? identity.isScalar(pair.key) ? pair.key.value : pair.key : pair;
      }
      set(key2, value2) {
        if (typeof value2 !== "boolean")
          throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value2}`);
        const prev = YAMLMap.findPair(this.items, key2);
        if (prev && !value2) {
          this.items.splice(this.items.indexOf(prev), 1);
        } else if (!prev && value2) {
          this.items.push(new Pair.Pair(key2));
        }
      }
      toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        if (this.hasAllNullValues(true))
          return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
          throw new Error("Set items must all have null values");
      }
      static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set2 = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
          for (let value2 of iterable) {
            if (typeof replacer === "function")
              value2 = replacer.call(iterable, value2, value2);
            set2.items.push(Pair.createPair(value2, null, ctx));
          }
        return set2;
      }
    };
    YAMLSet.tag = "tag:yaml.org,2002:set";
    var set = {
      collection: "map",
      identify: (value2) => value2 instanceof Set,
      nodeClass: YAMLSet,
      default: false,
      tag: "tag:yaml.org,2002:set",
      createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
      resolve(map, onError) {
        if (identity.isMap(map)) {
          if (map.hasAllNullValues(true))
            return Object.assign(new YAMLSet(), map);
          else
            onError("Set items must all have null values");
        } else
          onError("Expected a mapping for this tag");
        return map;
      }
    };
    exports.YAMLSet = YAMLSet;
    exports.set = set;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/timestamp.js
var require_timestamp = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/timestamp.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    function parseSexagesimal(str, asBigInt) {
      const sign2 = str[0];
      const parts = sign2 === "-" || sign2 === "+" ? str.substring(1) : str;
      const num2 = (n) => asBigInt ? BigInt(n) : Number(n);
      const res = parts.replace(/_/g, "").split(":").reduce((res2, p) => res2 * num2(60) + num2(p), num2(0));
      return sign2 === "-" ? num2(-1) * res : res;
    }
    function stringifySexagesimal(node2) {
      let { value: value2 } = node2;
      let num2 = (n) => n;
      if (typeof value2 === "bigint")
        num2 = (n) => BigInt(n);
      else if (isNaN(value2) || !isFinite(value2))
        return stringifyNumber.stringifyNumber(node2);
      let sign2 = "";
      if (value2 < 0) {
        sign2 = "-";
        value2 *= num2(-1);
      }
      const _60 = num2(60);
      const parts = [value2 % _60];
      if (value2 < 60) {
        parts.unshift(0);
      } else {
        value2 = (value2 - parts[0]) / _60;
        parts.unshift(value2 % _60);
        if (value2 >= 60) {
          value2 = (value2 - parts[0]) / _60;
          parts.unshift(value2);
        }
      }
      return sign2 + parts.map((n) => String(n).padStart(2, "0")).join(":").replace(/000000\d*$/, "");
    }
    var intTime = {
      identify: (value2) => typeof value2 === "bigint" || Number.isInteger(value2),
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
      resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
      stringify: stringifySexagesimal
    };
    var floatTime = {
      identify: (value2) => typeof value2 === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
      resolve: (str) => parseSexagesimal(str, false),
      stringify: stringifySexagesimal
    };
    var timestamp = {
      identify: (value2) => value2 instanceof Date,
      default: true,
      tag: "tag:yaml.org,2002:timestamp",
      // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
      // may be omitted altogether, resulting in a date format. In such a case, the time part is
      // assumed to be 00:00:00Z (start of day, UTC).
      test: RegExp("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$"),
      resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
          throw new Error("!!timestamp expects a date, starting with yyyy-mm-dd");
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + "00").substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== "Z") {
          let d = parseSexagesimal(tz, false);
          if (Math.abs(d) < 30)
            d *= 60;
          date -= 6e4 * d;
        }
        return new Date(date);
      },
      stringify: ({ value: value2 }) => value2?.toISOString().replace(/(T00:00:00)?\.000Z$/, "") ?? ""
    };
    exports.floatTime = floatTime;
    exports.intTime = intTime;
    exports.timestamp = timestamp;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/schema.js
var require_schema3 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var binary2 = require_binary();
    var bool2 = require_bool2();
    var float = require_float2();
    var int = require_int2();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var set = require_set();
    var timestamp = require_timestamp();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool2.trueTag,
      bool2.falseTag,
      int.intBin,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float,
      binary2.binary,
      merge.merge,
      omap.omap,
      pairs.pairs,
      set.set,
      timestamp.intTime,
      timestamp.floatTime,
      timestamp.timestamp
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/tags.js
var require_tags = __commonJS({
  "node_modules/yaml/dist/schema/tags.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool2 = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = require_schema();
    var schema$1 = require_schema2();
    var binary2 = require_binary();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var schema$2 = require_schema3();
    var set = require_set();
    var timestamp = require_timestamp();
    var schemas = /* @__PURE__ */ new Map([
      ["core", schema.schema],
      ["failsafe", [map.map, seq.seq, string.string]],
      ["json", schema$1.schema],
      ["yaml11", schema$2.schema],
      ["yaml-1.1", schema$2.schema]
    ]);
    var tagsByName = {
      binary: binary2.binary,
      bool: bool2.boolTag,
      float: float.float,
      floatExp: float.floatExp,
      floatNaN: float.floatNaN,
      floatTime: timestamp.floatTime,
      int: int.int,
      intHex: int.intHex,
      intOct: int.intOct,
      intTime: timestamp.intTime,
      map: map.map,
      merge: merge.merge,
      null: _null.nullTag,
      omap: omap.omap,
      pairs: pairs.pairs,
      seq: seq.seq,
      set: set.set,
      timestamp: timestamp.timestamp
    };
    var coreKnownTags = {
      "tag:yaml.org,2002:binary": binary2.binary,
      "tag:yaml.org,2002:merge": merge.merge,
      "tag:yaml.org,2002:omap": omap.omap,
      "tag:yaml.org,2002:pairs": pairs.pairs,
      "tag:yaml.org,2002:set": set.set,
      "tag:yaml.org,2002:timestamp": timestamp.timestamp
    };
    function getTags(customTags, schemaName, addMergeTag) {
      const schemaTags = schemas.get(schemaName);
      if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge) ? schemaTags.concat(merge.merge) : schemaTags.slice();
      }
      let tags = schemaTags;
      if (!tags) {
        if (Array.isArray(customTags))
          tags = [];
        else {
          const keys = Array.from(schemas.keys()).filter((key2) => key2 !== "yaml11").map((key2) => JSON.stringify(key2)).join(", ");
          throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
      }
      if (Array.isArray(customTags)) {
        for (const tag of customTags)
          tags = tags.concat(tag);
      } else if (typeof customTags === "function") {
        tags = customTags(tags.slice());
      }
      if (addMergeTag)
        tags = tags.concat(merge.merge);
      return tags.reduce((tags2, tag) => {
        const tagObj = typeof tag === "string" ? tagsByName[tag] : tag;
        if (!tagObj) {
          const tagName = JSON.stringify(tag);
          const keys = Object.keys(tagsByName).map((key2) => JSON.stringify(key2)).join(", ");
          throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags2.includes(tagObj))
          tags2.push(tagObj);
        return tags2;
      }, []);
    }
    exports.coreKnownTags = coreKnownTags;
    exports.getTags = getTags;
  }
});

// node_modules/yaml/dist/schema/Schema.js
var require_Schema = __commonJS({
  "node_modules/yaml/dist/schema/Schema.js"(exports) {
    "use strict";
    var identity = require_identity();
    var map = require_map();
    var seq = require_seq();
    var string = require_string();
    var tags = require_tags();
    var sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    var Schema = class _Schema {
      constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat) ? tags.getTags(compat, "compat") : compat ? tags.getTags(null, compat) : null;
        this.name = typeof schema === "string" && schema || "core";
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        this.sortMapEntries = typeof sortMapEntries === "function" ? sortMapEntries : sortMapEntries === true ? sortMapEntriesByKey : null;
      }
      clone() {
        const copy = Object.create(_Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
      }
    };
    exports.Schema = Schema;
  }
});

// node_modules/yaml/dist/stringify/stringifyDocument.js
var require_stringifyDocument = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyDocument.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyDocument(doc, options) {
      const lines = [];
      let hasDirectives = options.directives === true;
      if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
          lines.push(dir);
          hasDirectives = true;
        } else if (doc.directives.docStart)
          hasDirectives = true;
      }
      if (hasDirectives)
        lines.push("---");
      const ctx = stringify.createStringifyContext(doc, options);
      const { commentString } = ctx.options;
      if (doc.commentBefore) {
        if (lines.length !== 1)
          lines.unshift("");
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ""));
      }
      let chompKeep = false;
      let contentComment = null;
      if (doc.contents) {
        if (identity.isNode(doc.contents)) {
          if (doc.contents.spaceBefore && hasDirectives)
            lines.push("");
          if (doc.contents.commentBefore) {
            const cs = commentString(doc.contents.commentBefore);
            lines.push(stringifyComment.indentComment(cs, ""));
          }
          ctx.forceBlockIndent = !!doc.comment;
          contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? void 0 : () => chompKeep = true;
        let body = stringify.stringify(doc.contents, ctx, () => contentComment = null, onChompKeep);
        if (contentComment)
          body += stringifyComment.lineComment(body, "", commentString(contentComment));
        if ((body[0] === "|" || body[0] === ">") && lines[lines.length - 1] === "---") {
          lines[lines.length - 1] = `--- ${body}`;
        } else
          lines.push(body);
      } else {
        lines.push(stringify.stringify(doc.contents, ctx));
      }
      if (doc.directives?.docEnd) {
        if (doc.comment) {
          const cs = commentString(doc.comment);
          if (cs.includes("\n")) {
            lines.push("...");
            lines.push(stringifyComment.indentComment(cs, ""));
          } else {
            lines.push(`... ${cs}`);
          }
        } else {
          lines.push("...");
        }
      } else {
        let dc = doc.comment;
        if (dc && chompKeep)
          dc = dc.replace(/^\n+/, "");
        if (dc) {
          if ((!chompKeep || contentComment) && lines[lines.length - 1] !== "")
            lines.push("");
          lines.push(stringifyComment.indentComment(commentString(dc), ""));
        }
      }
      return lines.join("\n") + "\n";
    }
    exports.stringifyDocument = stringifyDocument;
  }
});

// node_modules/yaml/dist/doc/Document.js
var require_Document = __commonJS({
  "node_modules/yaml/dist/doc/Document.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var toJS = require_toJS();
    var Schema = require_Schema();
    var stringifyDocument = require_stringifyDocument();
    var anchors = require_anchors();
    var applyReviver = require_applyReviver();
    var createNode = require_createNode();
    var directives = require_directives();
    var Document = class _Document {
      constructor(value2, replacer, options) {
        this.commentBefore = null;
        this.comment = null;
        this.errors = [];
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === "function" || Array.isArray(replacer)) {
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const opt = Object.assign({
          intAsBigInt: false,
          keepSourceTokens: false,
          logLevel: "warn",
          prettyErrors: true,
          strict: true,
          stringKeys: false,
          uniqueKeys: true,
          version: "1.2"
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
          this.directives = options._directives.atDocument();
          if (this.directives.yaml.explicit)
            version = this.directives.yaml.version;
        } else
          this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        this.contents = value2 === void 0 ? null : this.createNode(value2, _replacer, options);
      }
      /**
       * Create a deep copy of this Document and its contents.
       *
       * Custom Node values that inherit from `Object` still refer to their original instances.
       */
      clone() {
        const copy = Object.create(_Document.prototype, {
          [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
          copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        copy.contents = identity.isNode(this.contents) ? this.contents.clone(copy.schema) : this.contents;
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** Adds a value to the document. */
      add(value2) {
        if (assertCollection(this.contents))
          this.contents.add(value2);
      }
      /** Adds a value to the document. */
      addIn(path, value2) {
        if (assertCollection(this.contents))
          this.contents.addIn(path, value2);
      }
      /**
       * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
       *
       * If `node` already has an anchor, `name` is ignored.
       * Otherwise, the `node.anchor` value will be set to `name`,
       * or if an anchor with that name is already present in the document,
       * `name` will be used as a prefix for a new unique anchor.
       * If `name` is undefined, the generated anchor will use 'a' as a prefix.
       */
      createAlias(node2, name) {
        if (!node2.anchor) {
          const prev = anchors.anchorNames(this);
          node2.anchor = // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          !name || prev.has(name) ? anchors.findNewAnchor(name || "a", prev) : name;
        }
        return new Alias.Alias(node2.anchor);
      }
      createNode(value2, replacer, options) {
        let _replacer = void 0;
        if (typeof replacer === "function") {
          value2 = replacer.call({ "": value2 }, "", value2);
          _replacer = replacer;
        } else if (Array.isArray(replacer)) {
          const keyToStr = (v) => typeof v === "number" || v instanceof String || v instanceof Number;
          const asStr = replacer.filter(keyToStr).map(String);
          if (asStr.length > 0)
            replacer = replacer.concat(asStr);
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(
          this,
          // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          anchorPrefix || "a"
        );
        const ctx = {
          aliasDuplicateObjects: aliasDuplicateObjects ?? true,
          keepUndefined: keepUndefined ?? false,
          onAnchor,
          onTagObj,
          replacer: _replacer,
          schema: this.schema,
          sourceObjects
        };
        const node2 = createNode.createNode(value2, tag, ctx);
        if (flow && identity.isCollection(node2))
          node2.flow = true;
        setAnchors();
        return node2;
      }
      /**
       * Convert a key and a value into a `Pair` using the current schema,
       * recursively wrapping all values as `Scalar` or `Collection` nodes.
       */
      createPair(key2, value2, options = {}) {
        const k = this.createNode(key2, null, options);
        const v = this.createNode(value2, null, options);
        return new Pair.Pair(k, v);
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      delete(key2) {
        return assertCollection(this.contents) ? this.contents.delete(key2) : false;
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path) {
        if (Collection.isEmptyPath(path)) {
          if (this.contents == null)
            return false;
          this.contents = null;
          return true;
        }
        return assertCollection(this.contents) ? this.contents.deleteIn(path) : false;
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      get(key2, keepScalar) {
        return identity.isCollection(this.contents) ? this.contents.get(key2, keepScalar) : void 0;
      }
      /**
       * Returns item at `path`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path, keepScalar) {
        if (Collection.isEmptyPath(path))
          return !keepScalar && identity.isScalar(this.contents) ? this.contents.value : this.contents;
        return identity.isCollection(this.contents) ? this.contents.getIn(path, keepScalar) : void 0;
      }
      /**
       * Checks if the document includes a value with the key `key`.
       */
      has(key2) {
        return identity.isCollection(this.contents) ? this.contents.has(key2) : false;
      }
      /**
       * Checks if the document includes a value at `path`.
       */
      hasIn(path) {
        if (Collection.isEmptyPath(path))
          return this.contents !== void 0;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path) : false;
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      set(key2, value2) {
        if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, [key2], value2);
        } else if (assertCollection(this.contents)) {
          this.contents.set(key2, value2);
        }
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path, value2) {
        if (Collection.isEmptyPath(path)) {
          this.contents = value2;
        } else if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, Array.from(path), value2);
        } else if (assertCollection(this.contents)) {
          this.contents.setIn(path, value2);
        }
      }
      /**
       * Change the YAML version and schema used by the document.
       * A `null` version disables support for directives, explicit tags, anchors, and aliases.
       * It also requires the `schema` option to be given as a `Schema` instance value.
       *
       * Overrides all previously set schema options.
       */
      setSchema(version, options = {}) {
        if (typeof version === "number")
          version = String(version);
        let opt;
        switch (version) {
          case "1.1":
            if (this.directives)
              this.directives.yaml.version = "1.1";
            else
              this.directives = new directives.Directives({ version: "1.1" });
            opt = { resolveKnownTags: false, schema: "yaml-1.1" };
            break;
          case "1.2":
          case "next":
            if (this.directives)
              this.directives.yaml.version = version;
            else
              this.directives = new directives.Directives({ version });
            opt = { resolveKnownTags: true, schema: "core" };
            break;
          case null:
            if (this.directives)
              delete this.directives;
            opt = null;
            break;
          default: {
            const sv = JSON.stringify(version);
            throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
          }
        }
        if (options.schema instanceof Object)
          this.schema = options.schema;
        else if (opt)
          this.schema = new Schema.Schema(Object.assign(opt, options));
        else
          throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
      }
      // json & jsonArg are only used from toJSON()
      toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc: this,
          keep: !json,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
      /**
       * A JSON representation of the document `contents`.
       *
       * @param jsonArg Used by `JSON.stringify` to indicate the array index or
       *   property name.
       */
      toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
      }
      /** A YAML representation of the document. */
      toString(options = {}) {
        if (this.errors.length > 0)
          throw new Error("Document with errors cannot be stringified");
        if ("indent" in options && (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
          const s = JSON.stringify(options.indent);
          throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
      }
    };
    function assertCollection(contents) {
      if (identity.isCollection(contents))
        return true;
      throw new Error("Expected a YAML collection as document contents");
    }
    exports.Document = Document;
  }
});

// node_modules/yaml/dist/errors.js
var require_errors = __commonJS({
  "node_modules/yaml/dist/errors.js"(exports) {
    "use strict";
    var YAMLError = class extends Error {
      constructor(name, pos2, code2, message) {
        super();
        this.name = name;
        this.code = code2;
        this.message = message;
        this.pos = pos2;
      }
    };
    var YAMLParseError = class extends YAMLError {
      constructor(pos2, code2, message) {
        super("YAMLParseError", pos2, code2, message);
      }
    };
    var YAMLWarning = class extends YAMLError {
      constructor(pos2, code2, message) {
        super("YAMLWarning", pos2, code2, message);
      }
    };
    var prettifyError = (src, lc) => (error) => {
      if (error.pos[0] === -1)
        return;
      error.linePos = error.pos.map((pos2) => lc.linePos(pos2));
      const { line, col } = error.linePos[0];
      error.message += ` at line ${line}, column ${col}`;
      let ci = col - 1;
      let lineStr = src.substring(lc.lineStarts[line - 1], lc.lineStarts[line]).replace(/[\n\r]+$/, "");
      if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = "\u2026" + lineStr.substring(trimStart);
        ci -= trimStart - 1;
      }
      if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + "\u2026";
      if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
          prev = prev.substring(0, 79) + "\u2026\n";
        lineStr = prev + lineStr;
      }
      if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
          count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = " ".repeat(ci) + "^".repeat(count);
        error.message += `:

${lineStr}
${pointer}
`;
      }
    };
    exports.YAMLError = YAMLError;
    exports.YAMLParseError = YAMLParseError;
    exports.YAMLWarning = YAMLWarning;
    exports.prettifyError = prettifyError;
  }
});

// node_modules/yaml/dist/compose/resolve-props.js
var require_resolve_props = __commonJS({
  "node_modules/yaml/dist/compose/resolve-props.js"(exports) {
    "use strict";
    function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
      let spaceBefore = false;
      let atNewline = startOnNewline;
      let hasSpace = startOnNewline;
      let comment = "";
      let commentSep = "";
      let hasNewline = false;
      let reqSpace = false;
      let tab = null;
      let anchor = null;
      let tag = null;
      let newlineAfterProp = null;
      let comma = null;
      let found = null;
      let start = null;
      for (const token of tokens) {
        if (reqSpace) {
          if (token.type !== "space" && token.type !== "newline" && token.type !== "comma")
            onError(token.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
          reqSpace = false;
        }
        if (tab) {
          if (atNewline && token.type !== "comment" && token.type !== "newline") {
            onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
          }
          tab = null;
        }
        switch (token.type) {
          case "space":
            if (!flow && (indicator !== "doc-start" || next?.type !== "flow-collection") && token.source.includes("	")) {
              tab = token;
            }
            hasSpace = true;
            break;
          case "comment": {
            if (!hasSpace)
              onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
            const cb = token.source.substring(1) || " ";
            if (!comment)
              comment = cb;
            else
              comment += commentSep + cb;
            commentSep = "";
            atNewline = false;
            break;
          }
          case "newline":
            if (atNewline) {
              if (comment)
                comment += token.source;
              else if (!found || indicator !== "seq-item-ind")
                spaceBefore = true;
            } else
              commentSep += token.source;
            atNewline = true;
            hasNewline = true;
            if (anchor || tag)
              newlineAfterProp = token;
            hasSpace = true;
            break;
          case "anchor":
            if (anchor)
              onError(token, "MULTIPLE_ANCHORS", "A node can have at most one anchor");
            if (token.source.endsWith(":"))
              onError(token.offset + token.source.length - 1, "BAD_ALIAS", "Anchor ending in : is ambiguous", true);
            anchor = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          case "tag": {
            if (tag)
              onError(token, "MULTIPLE_TAGS", "A node can have at most one tag");
            tag = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          }
          case indicator:
            if (anchor || tag)
              onError(token, "BAD_PROP_ORDER", `Anchors and tags must be after the ${token.source} indicator`);
            if (found)
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.source} in ${flow ?? "collection"}`);
            found = token;
            atNewline = indicator === "seq-item-ind" || indicator === "explicit-key-ind";
            hasSpace = false;
            break;
          case "comma":
            if (flow) {
              if (comma)
                onError(token, "UNEXPECTED_TOKEN", `Unexpected , in ${flow}`);
              comma = token;
              atNewline = false;
              hasSpace = false;
              break;
            }
          // else fallthrough
          default:
            onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.type} token`);
            atNewline = false;
            hasSpace = false;
        }
      }
      const last = tokens[tokens.length - 1];
      const end = last ? last.offset + last.source.length : offset;
      if (reqSpace && next && next.type !== "space" && next.type !== "newline" && next.type !== "comma" && (next.type !== "scalar" || next.source !== "")) {
        onError(next.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
      }
      if (tab && (atNewline && tab.indent <= parentIndent || next?.type === "block-map" || next?.type === "block-seq"))
        onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
      return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
      };
    }
    exports.resolveProps = resolveProps;
  }
});

// node_modules/yaml/dist/compose/util-contains-newline.js
var require_util_contains_newline = __commonJS({
  "node_modules/yaml/dist/compose/util-contains-newline.js"(exports) {
    "use strict";
    function containsNewline(key2) {
      if (!key2)
        return null;
      switch (key2.type) {
        case "alias":
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          if (key2.source.includes("\n"))
            return true;
          if (key2.end) {
            for (const st of key2.end)
              if (st.type === "newline")
                return true;
          }
          return false;
        case "flow-collection":
          for (const it of key2.items) {
            for (const st of it.start)
              if (st.type === "newline")
                return true;
            if (it.sep) {
              for (const st of it.sep)
                if (st.type === "newline")
                  return true;
            }
            if (containsNewline(it.key) || containsNewline(it.value))
              return true;
          }
          return false;
        default:
          return true;
      }
    }
    exports.containsNewline = containsNewline;
  }
});

// node_modules/yaml/dist/compose/util-flow-indent-check.js
var require_util_flow_indent_check = __commonJS({
  "node_modules/yaml/dist/compose/util-flow-indent-check.js"(exports) {
    "use strict";
    var utilContainsNewline = require_util_contains_newline();
    function flowIndentCheck(indent, fc, onError) {
      if (fc?.type === "flow-collection") {
        const end = fc.end[0];
        if (end.indent === indent && (end.source === "]" || end.source === "}") && utilContainsNewline.containsNewline(fc)) {
          const msg = "Flow end indicator should be more indented than parent";
          onError(end, "BAD_INDENT", msg, true);
        }
      }
    }
    exports.flowIndentCheck = flowIndentCheck;
  }
});

// node_modules/yaml/dist/compose/util-map-includes.js
var require_util_map_includes = __commonJS({
  "node_modules/yaml/dist/compose/util-map-includes.js"(exports) {
    "use strict";
    var identity = require_identity();
    function mapIncludes(ctx, items, search) {
      const { uniqueKeys } = ctx.options;
      if (uniqueKeys === false)
        return false;
      const isEqual = typeof uniqueKeys === "function" ? uniqueKeys : (a, b) => a === b || identity.isScalar(a) && identity.isScalar(b) && a.value === b.value;
      return items.some((pair) => isEqual(pair.key, search));
    }
    exports.mapIncludes = mapIncludes;
  }
});

// node_modules/yaml/dist/compose/resolve-block-map.js
var require_resolve_block_map = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-map.js"(exports) {
    "use strict";
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    var utilMapIncludes = require_util_map_includes();
    var startColMsg = "All mapping items must start at the same column";
    function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
      const map = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      let offset = bm.offset;
      let commentEnd = null;
      for (const collItem of bm.items) {
        const { start, key: key2, sep: sep3, value: value2 } = collItem;
        const keyProps = resolveProps.resolveProps(start, {
          indicator: "explicit-key-ind",
          next: key2 ?? sep3?.[0],
          offset,
          onError,
          parentIndent: bm.indent,
          startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
          if (key2) {
            if (key2.type === "block-seq")
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "A block sequence may not be used as an implicit map key");
            else if ("indent" in key2 && key2.indent !== bm.indent)
              onError(offset, "BAD_INDENT", startColMsg);
          }
          if (!keyProps.anchor && !keyProps.tag && !sep3) {
            commentEnd = keyProps.end;
            if (keyProps.comment) {
              if (map.comment)
                map.comment += "\n" + keyProps.comment;
              else
                map.comment = keyProps.comment;
            }
            continue;
          }
          if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key2)) {
            onError(key2 ?? start[start.length - 1], "MULTILINE_IMPLICIT_KEY", "Implicit keys need to be on a single line");
          }
        } else if (keyProps.found?.indent !== bm.indent) {
          onError(offset, "BAD_INDENT", startColMsg);
        }
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key2 ? composeNode(ctx, key2, keyProps, onError) : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bm.indent, key2, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
          onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
        const valueProps = resolveProps.resolveProps(sep3 ?? [], {
          indicator: "map-value-ind",
          next: value2,
          offset: keyNode.range[2],
          onError,
          parentIndent: bm.indent,
          startOnNewline: !key2 || key2.type === "block-scalar"
        });
        offset = valueProps.end;
        if (valueProps.found) {
          if (implicitKey) {
            if (value2?.type === "block-map" && !valueProps.hasNewline)
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "Nested mappings are not allowed in compact mappings");
            if (ctx.options.strict && keyProps.start < valueProps.found.offset - 1024)
              onError(keyNode.range, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit block mapping key");
          }
          const valueNode = value2 ? composeNode(ctx, value2, valueProps, onError) : composeEmptyNode(ctx, offset, sep3, null, valueProps, onError);
          if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, value2, onError);
          offset = valueNode.range[2];
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        } else {
          if (implicitKey)
            onError(keyNode.range, "MISSING_CHAR", "Implicit map keys need to be followed by map values");
          if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        }
      }
      if (commentEnd && commentEnd < offset)
        onError(commentEnd, "IMPOSSIBLE", "Map comment with trailing content");
      map.range = [bm.offset, offset, commentEnd ?? offset];
      return map;
    }
    exports.resolveBlockMap = resolveBlockMap;
  }
});

// node_modules/yaml/dist/compose/resolve-block-seq.js
var require_resolve_block_seq = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-seq.js"(exports) {
    "use strict";
    var YAMLSeq = require_YAMLSeq();
    var resolveProps = require_resolve_props();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
      const seq = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = bs.offset;
      let commentEnd = null;
      for (const { start, value: value2 } of bs.items) {
        const props = resolveProps.resolveProps(start, {
          indicator: "seq-item-ind",
          next: value2,
          offset,
          onError,
          parentIndent: bs.indent,
          startOnNewline: true
        });
        if (!props.found) {
          if (props.anchor || props.tag || value2) {
            if (value2?.type === "block-seq")
              onError(props.end, "BAD_INDENT", "All sequence items must start at the same column");
            else
              onError(offset, "MISSING_CHAR", "Sequence item without - indicator");
          } else {
            commentEnd = props.end;
            if (props.comment)
              seq.comment = props.comment;
            continue;
          }
        }
        const node2 = value2 ? composeNode(ctx, value2, props, onError) : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bs.indent, value2, onError);
        offset = node2.range[2];
        seq.items.push(node2);
      }
      seq.range = [bs.offset, offset, commentEnd ?? offset];
      return seq;
    }
    exports.resolveBlockSeq = resolveBlockSeq;
  }
});

// node_modules/yaml/dist/compose/resolve-end.js
var require_resolve_end = __commonJS({
  "node_modules/yaml/dist/compose/resolve-end.js"(exports) {
    "use strict";
    function resolveEnd(end, offset, reqSpace, onError) {
      let comment = "";
      if (end) {
        let hasSpace = false;
        let sep3 = "";
        for (const token of end) {
          const { source, type } = token;
          switch (type) {
            case "space":
              hasSpace = true;
              break;
            case "comment": {
              if (reqSpace && !hasSpace)
                onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
              const cb = source.substring(1) || " ";
              if (!comment)
                comment = cb;
              else
                comment += sep3 + cb;
              sep3 = "";
              break;
            }
            case "newline":
              if (comment)
                sep3 += source;
              hasSpace = true;
              break;
            default:
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${type} at node end`);
          }
          offset += source.length;
        }
      }
      return { comment, offset };
    }
    exports.resolveEnd = resolveEnd;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-collection.js
var require_resolve_flow_collection = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilMapIncludes = require_util_map_includes();
    var blockMsg = "Block collections are not allowed within flow collections";
    var isBlock = (token) => token && (token.type === "block-map" || token.type === "block-seq");
    function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
      const isMap2 = fc.start.source === "{";
      const fcName = isMap2 ? "flow map" : "flow sequence";
      const NodeClass = tag?.nodeClass ?? (isMap2 ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq);
      const coll = new NodeClass(ctx.schema);
      coll.flow = true;
      const atRoot = ctx.atRoot;
      if (atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = fc.offset + fc.start.source.length;
      for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key: key2, sep: sep3, value: value2 } = collItem;
        const props = resolveProps.resolveProps(start, {
          flow: fcName,
          indicator: "explicit-key-ind",
          next: key2 ?? sep3?.[0],
          offset,
          onError,
          parentIndent: fc.indent,
          startOnNewline: false
        });
        if (!props.found) {
          if (!props.anchor && !props.tag && !sep3 && !value2) {
            if (i === 0 && props.comma)
              onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
            else if (i < fc.items.length - 1)
              onError(props.start, "UNEXPECTED_TOKEN", `Unexpected empty item in ${fcName}`);
            if (props.comment) {
              if (coll.comment)
                coll.comment += "\n" + props.comment;
              else
                coll.comment = props.comment;
            }
            offset = props.end;
            continue;
          }
          if (!isMap2 && ctx.options.strict && utilContainsNewline.containsNewline(key2))
            onError(
              key2,
              // checked by containsNewline()
              "MULTILINE_IMPLICIT_KEY",
              "Implicit keys of flow sequence pairs need to be on a single line"
            );
        }
        if (i === 0) {
          if (props.comma)
            onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
        } else {
          if (!props.comma)
            onError(props.start, "MISSING_CHAR", `Missing , between ${fcName} items`);
          if (props.comment) {
            let prevItemComment = "";
            loop: for (const st of start) {
              switch (st.type) {
                case "comma":
                case "space":
                  break;
                case "comment":
                  prevItemComment = st.source.substring(1);
                  break loop;
                default:
                  break loop;
              }
            }
            if (prevItemComment) {
              let prev = coll.items[coll.items.length - 1];
              if (identity.isPair(prev))
                prev = prev.value ?? prev.key;
              if (prev.comment)
                prev.comment += "\n" + prevItemComment;
              else
                prev.comment = prevItemComment;
              props.comment = props.comment.substring(prevItemComment.length + 1);
            }
          }
        }
        if (!isMap2 && !sep3 && !props.found) {
          const valueNode = value2 ? composeNode(ctx, value2, props, onError) : composeEmptyNode(ctx, props.end, sep3, null, props, onError);
          coll.items.push(valueNode);
          offset = valueNode.range[2];
          if (isBlock(value2))
            onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
        } else {
          ctx.atKey = true;
          const keyStart = props.end;
          const keyNode = key2 ? composeNode(ctx, key2, props, onError) : composeEmptyNode(ctx, keyStart, start, null, props, onError);
          if (isBlock(key2))
            onError(keyNode.range, "BLOCK_IN_FLOW", blockMsg);
          ctx.atKey = false;
          const valueProps = resolveProps.resolveProps(sep3 ?? [], {
            flow: fcName,
            indicator: "map-value-ind",
            next: value2,
            offset: keyNode.range[2],
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
          });
          if (valueProps.found) {
            if (!isMap2 && !props.found && ctx.options.strict) {
              if (sep3)
                for (const st of sep3) {
                  if (st === valueProps.found)
                    break;
                  if (st.type === "newline") {
                    onError(st, "MULTILINE_IMPLICIT_KEY", "Implicit keys of flow sequence pairs need to be on a single line");
                    break;
                  }
                }
              if (props.start < valueProps.found.offset - 1024)
                onError(valueProps.found, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit flow sequence key");
            }
          } else if (value2) {
            if ("source" in value2 && value2.source?.[0] === ":")
              onError(value2, "MISSING_CHAR", `Missing space after : in ${fcName}`);
            else
              onError(valueProps.start, "MISSING_CHAR", `Missing , or : between ${fcName} items`);
          }
          const valueNode = value2 ? composeNode(ctx, value2, valueProps, onError) : valueProps.found ? composeEmptyNode(ctx, valueProps.end, sep3, null, valueProps, onError) : null;
          if (valueNode) {
            if (isBlock(value2))
              onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
          } else if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          if (isMap2) {
            const map = coll;
            if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
              onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
            map.items.push(pair);
          } else {
            const map = new YAMLMap.YAMLMap(ctx.schema);
            map.flow = true;
            map.items.push(pair);
            const endRange = (valueNode ?? keyNode).range;
            map.range = [keyNode.range[0], endRange[1], endRange[2]];
            coll.items.push(map);
          }
          offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
      }
      const expectedEnd = isMap2 ? "}" : "]";
      const [ce, ...ee] = fc.end;
      let cePos = offset;
      if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
      else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot ? `${name} must end with a ${expectedEnd}` : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? "MISSING_CHAR" : "BAD_INDENT", msg);
        if (ce && ce.source.length !== 1)
          ee.unshift(ce);
      }
      if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
          if (coll.comment)
            coll.comment += "\n" + end.comment;
          else
            coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
      } else {
        coll.range = [fc.offset, cePos, cePos];
      }
      return coll;
    }
    exports.resolveFlowCollection = resolveFlowCollection;
  }
});

// node_modules/yaml/dist/compose/compose-collection.js
var require_compose_collection = __commonJS({
  "node_modules/yaml/dist/compose/compose-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveBlockMap = require_resolve_block_map();
    var resolveBlockSeq = require_resolve_block_seq();
    var resolveFlowCollection = require_resolve_flow_collection();
    function resolveCollection(CN, ctx, token, onError, tagName, tag) {
      const coll = token.type === "block-map" ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag) : token.type === "block-seq" ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag) : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
      const Coll = coll.constructor;
      if (tagName === "!" || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
      }
      if (tagName)
        coll.tag = tagName;
      return coll;
    }
    function composeCollection(CN, ctx, token, props, onError) {
      const tagToken = props.tag;
      const tagName = !tagToken ? null : ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg));
      if (token.type === "block-seq") {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken ? anchor.offset > tagToken.offset ? anchor : tagToken : anchor ?? tagToken;
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
          const message = "Missing newline after block sequence props";
          onError(lastProp, "MISSING_CHAR", message);
        }
      }
      const expType = token.type === "block-map" ? "map" : token.type === "block-seq" ? "seq" : token.start.source === "{" ? "map" : "seq";
      if (!tagToken || !tagName || tagName === "!" || tagName === YAMLMap.YAMLMap.tagName && expType === "map" || tagName === YAMLSeq.YAMLSeq.tagName && expType === "seq") {
        return resolveCollection(CN, ctx, token, onError, tagName);
      }
      let tag = ctx.schema.tags.find((t) => t.tag === tagName && t.collection === expType);
      if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
          ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
          tag = kt;
        } else {
          if (kt) {
            onError(tagToken, "BAD_COLLECTION_TYPE", `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? "scalar"}`, true);
          } else {
            onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, true);
          }
          return resolveCollection(CN, ctx, token, onError, tagName);
        }
      }
      const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
      const res = tag.resolve?.(coll, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg), ctx.options) ?? coll;
      const node2 = identity.isNode(res) ? res : new Scalar.Scalar(res);
      node2.range = coll.range;
      node2.tag = tagName;
      if (tag?.format)
        node2.format = tag.format;
      return node2;
    }
    exports.composeCollection = composeCollection;
  }
});

// node_modules/yaml/dist/compose/resolve-block-scalar.js
var require_resolve_block_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function resolveBlockScalar(ctx, scalar2, onError) {
      const start = scalar2.offset;
      const header = parseBlockScalarHeader(scalar2, ctx.options.strict, onError);
      if (!header)
        return { value: "", type: null, comment: "", range: [start, start, start] };
      const type = header.mode === ">" ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
      const lines = scalar2.source ? splitLines(scalar2.source) : [];
      let chompStart = lines.length;
      for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === "" || content === "\r")
          chompStart = i;
        else
          break;
      }
      if (chompStart === 0) {
        const value3 = header.chomp === "+" && lines.length > 0 ? "\n".repeat(Math.max(1, lines.length - 1)) : "";
        let end2 = start + header.length;
        if (scalar2.source)
          end2 += scalar2.source.length;
        return { value: value3, type, comment: header.comment, range: [start, end2, end2] };
      }
      let trimIndent = scalar2.indent + header.indent;
      let offset = scalar2.offset + header.length;
      let contentStart = 0;
      for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === "" || content === "\r") {
          if (header.indent === 0 && indent.length > trimIndent)
            trimIndent = indent.length;
        } else {
          if (indent.length < trimIndent) {
            const message = "Block scalars with more-indented leading empty lines must use an explicit indentation indicator";
            onError(offset + indent.length, "MISSING_CHAR", message);
          }
          if (header.indent === 0)
            trimIndent = indent.length;
          contentStart = i;
          if (trimIndent === 0 && !ctx.atRoot) {
            const message = "Block scalar values in collections must be indented";
            onError(offset, "BAD_INDENT", message);
          }
          break;
        }
        offset += indent.length + content.length + 1;
      }
      for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
          chompStart = i + 1;
      }
      let value2 = "";
      let sep3 = "";
      let prevMoreIndented = false;
      for (let i = 0; i < contentStart; ++i)
        value2 += lines[i][0].slice(trimIndent) + "\n";
      for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === "\r";
        if (crlf)
          content = content.slice(0, -1);
        if (content && indent.length < trimIndent) {
          const src = header.indent ? "explicit indentation indicator" : "first line";
          const message = `Block scalar lines must not be less indented than their ${src}`;
          onError(offset - content.length - (crlf ? 2 : 1), "BAD_INDENT", message);
          indent = "";
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
          value2 += sep3 + indent.slice(trimIndent) + content;
          sep3 = "\n";
        } else if (indent.length > trimIndent || content[0] === "	") {
          if (sep3 === " ")
            sep3 = "\n";
          else if (!prevMoreIndented && sep3 === "\n")
            sep3 = "\n\n";
          value2 += sep3 + indent.slice(trimIndent) + content;
          sep3 = "\n";
          prevMoreIndented = true;
        } else if (content === "") {
          if (sep3 === "\n")
            value2 += "\n";
          else
            sep3 = "\n";
        } else {
          value2 += sep3 + content;
          sep3 = " ";
          prevMoreIndented = false;
        }
      }
      switch (header.chomp) {
        case "-":
          break;
        case "+":
          for (let i = chompStart; i < lines.length; ++i)
            value2 += "\n" + lines[i][0].slice(trimIndent);
          if (value2[value2.length - 1] !== "\n")
            value2 += "\n";
          break;
        default:
          value2 += "\n";
      }
      const end = start + header.length + scalar2.source.length;
      return { value: value2, type, comment: header.comment, range: [start, end, end] };
    }
    function parseBlockScalarHeader({ offset, props }, strict, onError) {
      if (props[0].type !== "block-scalar-header") {
        onError(props[0], "IMPOSSIBLE", "Block scalar header not found");
        return null;
      }
      const { source } = props[0];
      const mode = source[0];
      let indent = 0;
      let chomp = "";
      let error = -1;
      for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === "-" || ch === "+"))
          chomp = ch;
        else {
          const n = Number(ch);
          if (!indent && n)
            indent = n;
          else if (error === -1)
            error = offset + i;
        }
      }
      if (error !== -1)
        onError(error, "UNEXPECTED_TOKEN", `Block scalar header includes extra characters: ${source}`);
      let hasSpace = false;
      let comment = "";
      let length = source.length;
      for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
          case "space":
            hasSpace = true;
          // fallthrough
          case "newline":
            length += token.source.length;
            break;
          case "comment":
            if (strict && !hasSpace) {
              const message = "Comments must be separated from other tokens by white space characters";
              onError(token, "MISSING_CHAR", message);
            }
            length += token.source.length;
            comment = token.source.substring(1);
            break;
          case "error":
            onError(token, "UNEXPECTED_TOKEN", token.message);
            length += token.source.length;
            break;
          /* istanbul ignore next should not happen */
          default: {
            const message = `Unexpected token in block scalar header: ${token.type}`;
            onError(token, "UNEXPECTED_TOKEN", message);
            const ts = token.source;
            if (ts && typeof ts === "string")
              length += ts.length;
          }
        }
      }
      return { mode, indent, chomp, comment, length };
    }
    function splitLines(source) {
      const split2 = source.split(/\n( *)/);
      const first = split2[0];
      const m = first.match(/^( *)/);
      const line0 = m?.[1] ? [m[1], first.slice(m[1].length)] : ["", first];
      const lines = [line0];
      for (let i = 1; i < split2.length; i += 2)
        lines.push([split2[i], split2[i + 1]]);
      return lines;
    }
    exports.resolveBlockScalar = resolveBlockScalar;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-scalar.js
var require_resolve_flow_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var resolveEnd = require_resolve_end();
    function resolveFlowScalar(scalar2, strict, onError) {
      const { offset, type, source, end } = scalar2;
      let _type;
      let value2;
      const _onError = (rel, code2, msg) => onError(offset + rel, code2, msg);
      switch (type) {
        case "scalar":
          _type = Scalar.Scalar.PLAIN;
          value2 = plainValue(source, _onError);
          break;
        case "single-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_SINGLE;
          value2 = singleQuotedValue(source, _onError);
          break;
        case "double-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_DOUBLE;
          value2 = doubleQuotedValue(source, _onError);
          break;
        /* istanbul ignore next should not happen */
        default:
          onError(scalar2, "UNEXPECTED_TOKEN", `Expected a flow scalar value, but found: ${type}`);
          return {
            value: "",
            type: null,
            comment: "",
            range: [offset, offset + source.length, offset + source.length]
          };
      }
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
      return {
        value: value2,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
      };
    }
    function plainValue(source, onError) {
      let badChar = "";
      switch (source[0]) {
        /* istanbul ignore next should not happen */
        case "	":
          badChar = "a tab character";
          break;
        case ",":
          badChar = "flow indicator character ,";
          break;
        case "%":
          badChar = "directive indicator character %";
          break;
        case "|":
        case ">": {
          badChar = `block scalar indicator ${source[0]}`;
          break;
        }
        case "@":
        case "`": {
          badChar = `reserved character ${source[0]}`;
          break;
        }
      }
      if (badChar)
        onError(0, "BAD_SCALAR_START", `Plain value cannot start with ${badChar}`);
      return unfoldLines(source);
    }
    function singleQuotedValue(source, onError) {
      if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, "MISSING_CHAR", "Missing closing 'quote");
      return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
    }
    function unfoldLines(source) {
      const line = /(.*?)\r?\n/sy;
      let match = line.exec(source);
      if (!match)
        return source;
      let trimEnd, trimBoth;
      try {
        trimEnd = new RegExp("(?<![ 	])[ 	]+$");
        trimBoth = new RegExp("^[ 	]+|(?<![ 	])[ 	]+$", "g");
      } catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
      }
      let res = match[1].replace(trimEnd, "");
      let sep3 = " ";
      let pos2 = line.lastIndex;
      while (match = line.exec(source)) {
        const lm = match[1].replace(trimBoth, "");
        if (lm === "") {
          if (sep3 === "\n")
            res += sep3;
          else
            sep3 = "\n";
        } else {
          res += sep3 + lm;
          sep3 = " ";
        }
        pos2 = line.lastIndex;
      }
      const last = /[ \t]*(.*)/sy;
      last.lastIndex = pos2;
      match = last.exec(source);
      return res + sep3 + (match?.[1] ?? "");
    }
    function doubleQuotedValue(source, onError) {
      let res = "";
      for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === "\r" && source[i + 1] === "\n")
          continue;
        if (ch === "\n") {
          const { fold: fold2, offset } = foldNewline(source, i);
          res += fold2;
          i = offset;
        } else if (ch === "\\") {
          let next = source[++i];
          const cc = escapeCodes[next];
          if (cc)
            res += cc;
          else if (next === "\n") {
            next = source[i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "\r" && source[i + 1] === "\n") {
            next = source[++i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "x" || next === "u" || next === "U") {
            const length = next === "x" ? 2 : next === "u" ? 4 : 8;
            res += parseCharCode(source, i + 1, length, onError);
            i += length;
          } else {
            const raw = source.substr(i - 1, 2);
            onError(i - 1, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
            res += raw;
          }
        } else if (ch === " " || ch === "	") {
          const wsStart = i;
          let next = source[i + 1];
          while (next === " " || next === "	")
            next = source[++i + 1];
          if (next !== "\n" && !(next === "\r" && source[i + 2] === "\n"))
            res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        } else {
          res += ch;
        }
      }
      if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, "MISSING_CHAR", 'Missing closing "quote');
      return res;
    }
    function foldNewline(source, offset) {
      let fold2 = "";
      let ch = source[offset + 1];
      while (ch === " " || ch === "	" || ch === "\n" || ch === "\r") {
        if (ch === "\r" && source[offset + 2] !== "\n")
          break;
        if (ch === "\n")
          fold2 += "\n";
        offset += 1;
        ch = source[offset + 1];
      }
      if (!fold2)
        fold2 = " ";
      return { fold: fold2, offset };
    }
    var escapeCodes = {
      "0": "\0",
      // null character
      a: "\x07",
      // bell character
      b: "\b",
      // backspace
      e: "\x1B",
      // escape character
      f: "\f",
      // form feed
      n: "\n",
      // line feed
      r: "\r",
      // carriage return
      t: "	",
      // horizontal tab
      v: "\v",
      // vertical tab
      N: "\x85",
      // Unicode next line
      _: "\xA0",
      // Unicode non-breaking space
      L: "\u2028",
      // Unicode line separator
      P: "\u2029",
      // Unicode paragraph separator
      " ": " ",
      '"': '"',
      "/": "/",
      "\\": "\\",
      "	": "	"
    };
    function parseCharCode(source, offset, length, onError) {
      const cc = source.substr(offset, length);
      const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
      const code2 = ok ? parseInt(cc, 16) : NaN;
      try {
        return String.fromCodePoint(code2);
      } catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
        return raw;
      }
    }
    exports.resolveFlowScalar = resolveFlowScalar;
  }
});

// node_modules/yaml/dist/compose/compose-scalar.js
var require_compose_scalar = __commonJS({
  "node_modules/yaml/dist/compose/compose-scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    function composeScalar(ctx, token, tagToken, onError) {
      const { value: value2, type, comment, range } = token.type === "block-scalar" ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError) : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
      const tagName = tagToken ? ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg)) : null;
      let tag;
      if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
      } else if (tagName)
        tag = findScalarTagByName(ctx.schema, value2, tagName, tagToken, onError);
      else if (token.type === "scalar")
        tag = findScalarTagByTest(ctx, value2, token, onError);
      else
        tag = ctx.schema[identity.SCALAR];
      let scalar2;
      try {
        const res = tag.resolve(value2, (msg) => onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg), ctx.options);
        scalar2 = identity.isScalar(res) ? res : new Scalar.Scalar(res);
      } catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg);
        scalar2 = new Scalar.Scalar(value2);
      }
      scalar2.range = range;
      scalar2.source = value2;
      if (type)
        scalar2.type = type;
      if (tagName)
        scalar2.tag = tagName;
      if (tag.format)
        scalar2.format = tag.format;
      if (comment)
        scalar2.comment = comment;
      return scalar2;
    }
    function findScalarTagByName(schema, value2, tagName, tagToken, onError) {
      if (tagName === "!")
        return schema[identity.SCALAR];
      const matchWithTest = [];
      for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
          if (tag.default && tag.test)
            matchWithTest.push(tag);
          else
            return tag;
        }
      }
      for (const tag of matchWithTest)
        if (tag.test?.test(value2))
          return tag;
      const kt = schema.knownTags[tagName];
      if (kt && !kt.collection) {
        schema.tags.push(Object.assign({}, kt, { default: false, test: void 0 }));
        return kt;
      }
      onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, tagName !== "tag:yaml.org,2002:str");
      return schema[identity.SCALAR];
    }
    function findScalarTagByTest({ atKey, directives, schema }, value2, token, onError) {
      const tag = schema.tags.find((tag2) => (tag2.default === true || atKey && tag2.default === "key") && tag2.test?.test(value2)) || schema[identity.SCALAR];
      if (schema.compat) {
        const compat = schema.compat.find((tag2) => tag2.default && tag2.test?.test(value2)) ?? schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
          const ts = directives.tagString(tag.tag);
          const cs = directives.tagString(compat.tag);
          const msg = `Value may be parsed as either ${ts} or ${cs}`;
          onError(token, "TAG_RESOLVE_FAILED", msg, true);
        }
      }
      return tag;
    }
    exports.composeScalar = composeScalar;
  }
});

// node_modules/yaml/dist/compose/util-empty-scalar-position.js
var require_util_empty_scalar_position = __commonJS({
  "node_modules/yaml/dist/compose/util-empty-scalar-position.js"(exports) {
    "use strict";
    function emptyScalarPosition(offset, before, pos2) {
      if (before) {
        pos2 ?? (pos2 = before.length);
        for (let i = pos2 - 1; i >= 0; --i) {
          let st = before[i];
          switch (st.type) {
            case "space":
            case "comment":
            case "newline":
              offset -= st.source.length;
              continue;
          }
          st = before[++i];
          while (st?.type === "space") {
            offset += st.source.length;
            st = before[++i];
          }
          break;
        }
      }
      return offset;
    }
    exports.emptyScalarPosition = emptyScalarPosition;
  }
});

// node_modules/yaml/dist/compose/compose-node.js
var require_compose_node = __commonJS({
  "node_modules/yaml/dist/compose/compose-node.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var composeCollection = require_compose_collection();
    var composeScalar = require_compose_scalar();
    var resolveEnd = require_resolve_end();
    var utilEmptyScalarPosition = require_util_empty_scalar_position();
    var CN = { composeNode, composeEmptyNode };
    function composeNode(ctx, token, props, onError) {
      const atKey = ctx.atKey;
      const { spaceBefore, comment, anchor, tag } = props;
      let node2;
      let isSrcToken = true;
      switch (token.type) {
        case "alias":
          node2 = composeAlias(ctx, token, onError);
          if (anchor || tag)
            onError(token, "ALIAS_PROPS", "An alias node must not specify any properties");
          break;
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "block-scalar":
          node2 = composeScalar.composeScalar(ctx, token, tag, onError);
          if (anchor)
            node2.anchor = anchor.source.substring(1);
          break;
        case "block-map":
        case "block-seq":
        case "flow-collection":
          try {
            node2 = composeCollection.composeCollection(CN, ctx, token, props, onError);
            if (anchor)
              node2.anchor = anchor.source.substring(1);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            onError(token, "RESOURCE_EXHAUSTION", message);
          }
          break;
        default: {
          const message = token.type === "error" ? token.message : `Unsupported token (type: ${token.type})`;
          onError(token, "UNEXPECTED_TOKEN", message);
          isSrcToken = false;
        }
      }
      node2 ?? (node2 = composeEmptyNode(ctx, token.offset, void 0, null, props, onError));
      if (anchor && node2.anchor === "")
        onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      if (atKey && ctx.options.stringKeys && (!identity.isScalar(node2) || typeof node2.value !== "string" || node2.tag && node2.tag !== "tag:yaml.org,2002:str")) {
        const msg = "With stringKeys, all keys must be strings";
        onError(tag ?? token, "NON_STRING_KEY", msg);
      }
      if (spaceBefore)
        node2.spaceBefore = true;
      if (comment) {
        if (token.type === "scalar" && token.source === "")
          node2.comment = comment;
        else
          node2.commentBefore = comment;
      }
      if (ctx.options.keepSourceTokens && isSrcToken)
        node2.srcToken = token;
      return node2;
    }
    function composeEmptyNode(ctx, offset, before, pos2, { spaceBefore, comment, anchor, tag, end }, onError) {
      const token = {
        type: "scalar",
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos2),
        indent: -1,
        source: ""
      };
      const node2 = composeScalar.composeScalar(ctx, token, tag, onError);
      if (anchor) {
        node2.anchor = anchor.source.substring(1);
        if (node2.anchor === "")
          onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      }
      if (spaceBefore)
        node2.spaceBefore = true;
      if (comment) {
        node2.comment = comment;
        node2.range[2] = end;
      }
      return node2;
    }
    function composeAlias({ options }, { offset, source, end }, onError) {
      const alias = new Alias.Alias(source.substring(1));
      if (alias.source === "")
        onError(offset, "BAD_ALIAS", "Alias cannot be an empty string");
      if (alias.source.endsWith(":"))
        onError(offset + source.length - 1, "BAD_ALIAS", "Alias ending in : is ambiguous", true);
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
      alias.range = [offset, valueEnd, re.offset];
      if (re.comment)
        alias.comment = re.comment;
      return alias;
    }
    exports.composeEmptyNode = composeEmptyNode;
    exports.composeNode = composeNode;
  }
});

// node_modules/yaml/dist/compose/compose-doc.js
var require_compose_doc = __commonJS({
  "node_modules/yaml/dist/compose/compose-doc.js"(exports) {
    "use strict";
    var Document = require_Document();
    var composeNode = require_compose_node();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    function composeDoc(options, directives, { offset, start, value: value2, end }, onError) {
      const opts = Object.assign({ _directives: directives }, options);
      const doc = new Document.Document(void 0, opts);
      const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
      };
      const props = resolveProps.resolveProps(start, {
        indicator: "doc-start",
        next: value2 ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
      });
      if (props.found) {
        doc.directives.docStart = true;
        if (value2 && (value2.type === "block-map" || value2.type === "block-seq") && !props.hasNewline)
          onError(props.end, "MISSING_CHAR", "Block collection cannot start on same line with directives-end marker");
      }
      doc.contents = value2 ? composeNode.composeNode(ctx, value2, props, onError) : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
      const contentEnd = doc.contents.range[2];
      const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
      if (re.comment)
        doc.comment = re.comment;
      doc.range = [offset, contentEnd, re.offset];
      return doc;
    }
    exports.composeDoc = composeDoc;
  }
});

// node_modules/yaml/dist/compose/composer.js
var require_composer = __commonJS({
  "node_modules/yaml/dist/compose/composer.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var directives = require_directives();
    var Document = require_Document();
    var errors = require_errors();
    var identity = require_identity();
    var composeDoc = require_compose_doc();
    var resolveEnd = require_resolve_end();
    function getErrorPos(src) {
      if (typeof src === "number")
        return [src, src + 1];
      if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
      const { offset, source } = src;
      return [offset, offset + (typeof source === "string" ? source.length : 1)];
    }
    function parsePrelude(prelude) {
      let comment = "";
      let atComment = false;
      let afterEmptyLine = false;
      for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
          case "#":
            comment += (comment === "" ? "" : afterEmptyLine ? "\n\n" : "\n") + (source.substring(1) || " ");
            atComment = true;
            afterEmptyLine = false;
            break;
          case "%":
            if (prelude[i + 1]?.[0] !== "#")
              i += 1;
            atComment = false;
            break;
          default:
            if (!atComment)
              afterEmptyLine = true;
            atComment = false;
        }
      }
      return { comment, afterEmptyLine };
    }
    var Composer = class {
      constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code2, message, warning) => {
          const pos2 = getErrorPos(source);
          if (warning)
            this.warnings.push(new errors.YAMLWarning(pos2, code2, message));
          else
            this.errors.push(new errors.YAMLParseError(pos2, code2, message));
        };
        this.directives = new directives.Directives({ version: options.version || "1.2" });
        this.options = options;
      }
      decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        if (comment) {
          const dc = doc.contents;
          if (afterDoc) {
            doc.comment = doc.comment ? `${doc.comment}
${comment}` : comment;
          } else if (afterEmptyLine || doc.directives.docStart || !dc) {
            doc.commentBefore = comment;
          } else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
            let it = dc.items[0];
            if (identity.isPair(it))
              it = it.key;
            const cb = it.commentBefore;
            it.commentBefore = cb ? `${comment}
${cb}` : comment;
          } else {
            const cb = dc.commentBefore;
            dc.commentBefore = cb ? `${comment}
${cb}` : comment;
          }
        }
        if (afterDoc) {
          for (let i = 0; i < this.errors.length; ++i)
            doc.errors.push(this.errors[i]);
          for (let i = 0; i < this.warnings.length; ++i)
            doc.warnings.push(this.warnings[i]);
        } else {
          doc.errors = this.errors;
          doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
      }
      /**
       * Current stream status information.
       *
       * Mostly useful at the end of input for an empty stream.
       */
      streamInfo() {
        return {
          comment: parsePrelude(this.prelude).comment,
          directives: this.directives,
          errors: this.errors,
          warnings: this.warnings
        };
      }
      /**
       * Compose tokens into documents.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
          yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
      }
      /** Advance the composer by one CST token. */
      *next(token) {
        if (node_process.env.LOG_STREAM)
          console.dir(token, { depth: null });
        switch (token.type) {
          case "directive":
            this.directives.add(token.source, (offset, message, warning) => {
              const pos2 = getErrorPos(token);
              pos2[0] += offset;
              this.onError(pos2, "BAD_DIRECTIVE", message, warning);
            });
            this.prelude.push(token.source);
            this.atDirectives = true;
            break;
          case "document": {
            const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
            if (this.atDirectives && !doc.directives.docStart)
              this.onError(token, "MISSING_CHAR", "Missing directives-end/doc-start indicator line");
            this.decorate(doc, false);
            if (this.doc)
              yield this.doc;
            this.doc = doc;
            this.atDirectives = false;
            break;
          }
          case "byte-order-mark":
          case "space":
            break;
          case "comment":
          case "newline":
            this.prelude.push(token.source);
            break;
          case "error": {
            const msg = token.source ? `${token.message}: ${JSON.stringify(token.source)}` : token.message;
            const error = new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg);
            if (this.atDirectives || !this.doc)
              this.errors.push(error);
            else
              this.doc.errors.push(error);
            break;
          }
          case "doc-end": {
            if (!this.doc) {
              const msg = "Unexpected doc-end without preceding document";
              this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg));
              break;
            }
            this.doc.directives.docEnd = true;
            const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
            this.decorate(this.doc, true);
            if (end.comment) {
              const dc = this.doc.comment;
              this.doc.comment = dc ? `${dc}
${end.comment}` : end.comment;
            }
            this.doc.range[2] = end.offset;
            break;
          }
          default:
            this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", `Unsupported token ${token.type}`));
        }
      }
      /**
       * Call at end of input to yield any remaining document.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
          this.decorate(this.doc, true);
          yield this.doc;
          this.doc = null;
        } else if (forceDoc) {
          const opts = Object.assign({ _directives: this.directives }, this.options);
          const doc = new Document.Document(void 0, opts);
          if (this.atDirectives)
            this.onError(endOffset, "MISSING_CHAR", "Missing directives-end indicator line");
          doc.range = [0, endOffset, endOffset];
          this.decorate(doc, false);
          yield doc;
        }
      }
    };
    exports.Composer = Composer;
  }
});

// node_modules/yaml/dist/parse/cst-scalar.js
var require_cst_scalar = __commonJS({
  "node_modules/yaml/dist/parse/cst-scalar.js"(exports) {
    "use strict";
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    var errors = require_errors();
    var stringifyString = require_stringifyString();
    function resolveAsScalar(token, strict = true, onError) {
      if (token) {
        const _onError = (pos2, code2, message) => {
          const offset = typeof pos2 === "number" ? pos2 : Array.isArray(pos2) ? pos2[0] : pos2.offset;
          if (onError)
            onError(offset, code2, message);
          else
            throw new errors.YAMLParseError([offset, offset + 1], code2, message);
        };
        switch (token.type) {
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
          case "block-scalar":
            return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
      }
      return null;
    }
    function createScalarToken(value2, context) {
      const { implicitKey = false, indent, inFlow = false, offset = -1, type = "PLAIN" } = context;
      const source = stringifyString.stringifyString({ type, value: value2 }, {
        implicitKey,
        indent: indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      const end = context.end ?? [
        { type: "newline", offset: -1, indent, source: "\n" }
      ];
      switch (source[0]) {
        case "|":
        case ">": {
          const he = source.indexOf("\n");
          const head = source.substring(0, he);
          const body = source.substring(he + 1) + "\n";
          const props = [
            { type: "block-scalar-header", offset, indent, source: head }
          ];
          if (!addEndtoBlockProps(props, end))
            props.push({ type: "newline", offset: -1, indent, source: "\n" });
          return { type: "block-scalar", offset, indent, props, source: body };
        }
        case '"':
          return { type: "double-quoted-scalar", offset, indent, source, end };
        case "'":
          return { type: "single-quoted-scalar", offset, indent, source, end };
        default:
          return { type: "scalar", offset, indent, source, end };
      }
    }
    function setScalarValue(token, value2, context = {}) {
      let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
      let indent = "indent" in token ? token.indent : null;
      if (afterKey && typeof indent === "number")
        indent += 2;
      if (!type)
        switch (token.type) {
          case "single-quoted-scalar":
            type = "QUOTE_SINGLE";
            break;
          case "double-quoted-scalar":
            type = "QUOTE_DOUBLE";
            break;
          case "block-scalar": {
            const header = token.props[0];
            if (header.type !== "block-scalar-header")
              throw new Error("Invalid block scalar header");
            type = header.source[0] === ">" ? "BLOCK_FOLDED" : "BLOCK_LITERAL";
            break;
          }
          default:
            type = "PLAIN";
        }
      const source = stringifyString.stringifyString({ type, value: value2 }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      switch (source[0]) {
        case "|":
        case ">":
          setBlockScalarValue(token, source);
          break;
        case '"':
          setFlowScalarValue(token, source, "double-quoted-scalar");
          break;
        case "'":
          setFlowScalarValue(token, source, "single-quoted-scalar");
          break;
        default:
          setFlowScalarValue(token, source, "scalar");
      }
    }
    function setBlockScalarValue(token, source) {
      const he = source.indexOf("\n");
      const head = source.substring(0, he);
      const body = source.substring(he + 1) + "\n";
      if (token.type === "block-scalar") {
        const header = token.props[0];
        if (header.type !== "block-scalar-header")
          throw new Error("Invalid block scalar header");
        header.source = head;
        token.source = body;
      } else {
        const { offset } = token;
        const indent = "indent" in token ? token.indent : -1;
        const props = [
          { type: "block-scalar-header", offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, "end" in token ? token.end : void 0))
          props.push({ type: "newline", offset: -1, indent, source: "\n" });
        for (const key2 of Object.keys(token))
          if (key2 !== "type" && key2 !== "offset")
            delete token[key2];
        Object.assign(token, { type: "block-scalar", indent, props, source: body });
      }
    }
    function addEndtoBlockProps(props, end) {
      if (end)
        for (const st of end)
          switch (st.type) {
            case "space":
            case "comment":
              props.push(st);
              break;
            case "newline":
              props.push(st);
              return true;
          }
      return false;
    }
    function setFlowScalarValue(token, source, type) {
      switch (token.type) {
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          token.type = type;
          token.source = source;
          break;
        case "block-scalar": {
          const end = token.props.slice(1);
          let oa = source.length;
          if (token.props[0].type === "block-scalar-header")
            oa -= token.props[0].source.length;
          for (const tok of end)
            tok.offset += oa;
          delete token.props;
          Object.assign(token, { type, source, end });
          break;
        }
        case "block-map":
        case "block-seq": {
          const offset = token.offset + source.length;
          const nl = { type: "newline", offset, indent: token.indent, source: "\n" };
          delete token.items;
          Object.assign(token, { type, source, end: [nl] });
          break;
        }
        default: {
          const indent = "indent" in token ? token.indent : -1;
          const end = "end" in token && Array.isArray(token.end) ? token.end.filter((st) => st.type === "space" || st.type === "comment" || st.type === "newline") : [];
          for (const key2 of Object.keys(token))
            if (key2 !== "type" && key2 !== "offset")
              delete token[key2];
          Object.assign(token, { type, indent, source, end });
        }
      }
    }
    exports.createScalarToken = createScalarToken;
    exports.resolveAsScalar = resolveAsScalar;
    exports.setScalarValue = setScalarValue;
  }
});

// node_modules/yaml/dist/parse/cst-stringify.js
var require_cst_stringify = __commonJS({
  "node_modules/yaml/dist/parse/cst-stringify.js"(exports) {
    "use strict";
    var stringify = (cst) => "type" in cst ? stringifyToken(cst) : stringifyItem(cst);
    function stringifyToken(token) {
      switch (token.type) {
        case "block-scalar": {
          let res = "";
          for (const tok of token.props)
            res += stringifyToken(tok);
          return res + token.source;
        }
        case "block-map":
        case "block-seq": {
          let res = "";
          for (const item of token.items)
            res += stringifyItem(item);
          return res;
        }
        case "flow-collection": {
          let res = token.start.source;
          for (const item of token.items)
            res += stringifyItem(item);
          for (const st of token.end)
            res += st.source;
          return res;
        }
        case "document": {
          let res = stringifyItem(token);
          if (token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
        default: {
          let res = token.source;
          if ("end" in token && token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
      }
    }
    function stringifyItem({ start, key: key2, sep: sep3, value: value2 }) {
      let res = "";
      for (const st of start)
        res += st.source;
      if (key2)
        res += stringifyToken(key2);
      if (sep3)
        for (const st of sep3)
          res += st.source;
      if (value2)
        res += stringifyToken(value2);
      return res;
    }
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/parse/cst-visit.js
var require_cst_visit = __commonJS({
  "node_modules/yaml/dist/parse/cst-visit.js"(exports) {
    "use strict";
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove item");
    function visit(cst, visitor) {
      if ("type" in cst && cst.type === "document")
        cst = { start: cst.start, value: cst.value };
      _visit(Object.freeze([]), cst, visitor);
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    visit.itemAtPath = (cst, path) => {
      let item = cst;
      for (const [field, index] of path) {
        const tok = item?.[field];
        if (tok && "items" in tok) {
          item = tok.items[index];
        } else
          return void 0;
      }
      return item;
    };
    visit.parentCollection = (cst, path) => {
      const parent = visit.itemAtPath(cst, path.slice(0, -1));
      const field = path[path.length - 1][0];
      const coll = parent?.[field];
      if (coll && "items" in coll)
        return coll;
      throw new Error("Parent collection not found");
    };
    function _visit(path, item, visitor) {
      let ctrl = visitor(item, path);
      if (typeof ctrl === "symbol")
        return ctrl;
      for (const field of ["key", "value"]) {
        const token = item[field];
        if (token && "items" in token) {
          for (let i = 0; i < token.items.length; ++i) {
            const ci = _visit(Object.freeze(path.concat([[field, i]])), token.items[i], visitor);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              token.items.splice(i, 1);
              i -= 1;
            }
          }
          if (typeof ctrl === "function" && field === "key")
            ctrl = ctrl(item, path);
        }
      }
      return typeof ctrl === "function" ? ctrl(item, path) : ctrl;
    }
    exports.visit = visit;
  }
});

// node_modules/yaml/dist/parse/cst.js
var require_cst = __commonJS({
  "node_modules/yaml/dist/parse/cst.js"(exports) {
    "use strict";
    var cstScalar = require_cst_scalar();
    var cstStringify = require_cst_stringify();
    var cstVisit = require_cst_visit();
    var BOM = "\uFEFF";
    var DOCUMENT = "";
    var FLOW_END = "";
    var SCALAR = "";
    var isCollection = (token) => !!token && "items" in token;
    var isScalar2 = (token) => !!token && (token.type === "scalar" || token.type === "single-quoted-scalar" || token.type === "double-quoted-scalar" || token.type === "block-scalar");
    function prettyToken(token) {
      switch (token) {
        case BOM:
          return "<BOM>";
        case DOCUMENT:
          return "<DOC>";
        case FLOW_END:
          return "<FLOW_END>";
        case SCALAR:
          return "<SCALAR>";
        default:
          return JSON.stringify(token);
      }
    }
    function tokenType(source) {
      switch (source) {
        case BOM:
          return "byte-order-mark";
        case DOCUMENT:
          return "doc-mode";
        case FLOW_END:
          return "flow-error-end";
        case SCALAR:
          return "scalar";
        case "---":
          return "doc-start";
        case "...":
          return "doc-end";
        case "":
        case "\n":
        case "\r\n":
          return "newline";
        case "-":
          return "seq-item-ind";
        case "?":
          return "explicit-key-ind";
        case ":":
          return "map-value-ind";
        case "{":
          return "flow-map-start";
        case "}":
          return "flow-map-end";
        case "[":
          return "flow-seq-start";
        case "]":
          return "flow-seq-end";
        case ",":
          return "comma";
      }
      switch (source[0]) {
        case " ":
        case "	":
          return "space";
        case "#":
          return "comment";
        case "%":
          return "directive-line";
        case "*":
          return "alias";
        case "&":
          return "anchor";
        case "!":
          return "tag";
        case "'":
          return "single-quoted-scalar";
        case '"':
          return "double-quoted-scalar";
        case "|":
        case ">":
          return "block-scalar-header";
      }
      return null;
    }
    exports.createScalarToken = cstScalar.createScalarToken;
    exports.resolveAsScalar = cstScalar.resolveAsScalar;
    exports.setScalarValue = cstScalar.setScalarValue;
    exports.stringify = cstStringify.stringify;
    exports.visit = cstVisit.visit;
    exports.BOM = BOM;
    exports.DOCUMENT = DOCUMENT;
    exports.FLOW_END = FLOW_END;
    exports.SCALAR = SCALAR;
    exports.isCollection = isCollection;
    exports.isScalar = isScalar2;
    exports.prettyToken = prettyToken;
    exports.tokenType = tokenType;
  }
});

// node_modules/yaml/dist/parse/lexer.js
var require_lexer = __commonJS({
  "node_modules/yaml/dist/parse/lexer.js"(exports) {
    "use strict";
    var cst = require_cst();
    function isEmpty(ch) {
      switch (ch) {
        case void 0:
        case " ":
        case "\n":
        case "\r":
        case "	":
          return true;
        default:
          return false;
      }
    }
    var hexDigits = new Set("0123456789ABCDEFabcdef");
    var tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
    var flowIndicatorChars = new Set(",[]{}");
    var invalidAnchorChars = new Set(" ,[]{}\n\r	");
    var isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
    var Lexer = class {
      constructor() {
        this.atEnd = false;
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        this.buffer = "";
        this.flowKey = false;
        this.flowLevel = 0;
        this.indentNext = 0;
        this.indentValue = 0;
        this.lineEndPos = null;
        this.next = null;
        this.pos = 0;
      }
      /**
       * Generate YAML tokens from the `source` string. If `incomplete`,
       * a part of the last line may be left as a buffer for the next call.
       *
       * @returns A generator of lexical tokens
       */
      *lex(source, incomplete = false) {
        if (source) {
          if (typeof source !== "string")
            throw TypeError("source is not a string");
          this.buffer = this.buffer ? this.buffer + source : source;
          this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? "stream";
        while (next && (incomplete || this.hasChars(1)))
          next = yield* this.parseNext(next);
      }
      atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === " " || ch === "	")
          ch = this.buffer[++i];
        if (!ch || ch === "#" || ch === "\n")
          return true;
        if (ch === "\r")
          return this.buffer[i + 1] === "\n";
        return false;
      }
      charAt(n) {
        return this.buffer[this.pos + n];
      }
      continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
          let indent = 0;
          while (ch === " ")
            ch = this.buffer[++indent + offset];
          if (ch === "\r") {
            const next = this.buffer[indent + offset + 1];
            if (next === "\n" || !next && !this.atEnd)
              return offset + indent + 1;
          }
          return ch === "\n" || indent >= this.indentNext || !ch && !this.atEnd ? offset + indent : -1;
        }
        if (ch === "-" || ch === ".") {
          const dt = this.buffer.substr(offset, 3);
          if ((dt === "---" || dt === "...") && isEmpty(this.buffer[offset + 3]))
            return -1;
        }
        return offset;
      }
      getLine() {
        let end = this.lineEndPos;
        if (typeof end !== "number" || end !== -1 && end < this.pos) {
          end = this.buffer.indexOf("\n", this.pos);
          this.lineEndPos = end;
        }
        if (end === -1)
          return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === "\r")
          end -= 1;
        return this.buffer.substring(this.pos, end);
      }
      hasChars(n) {
        return this.pos + n <= this.buffer.length;
      }
      setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
      }
      peek(n) {
        return this.buffer.substr(this.pos, n);
      }
      *parseNext(next) {
        switch (next) {
          case "stream":
            return yield* this.parseStream();
          case "line-start":
            return yield* this.parseLineStart();
          case "block-start":
            return yield* this.parseBlockStart();
          case "doc":
            return yield* this.parseDocument();
          case "flow":
            return yield* this.parseFlowCollection();
          case "quoted-scalar":
            return yield* this.parseQuotedScalar();
          case "block-scalar":
            return yield* this.parseBlockScalar();
          case "plain-scalar":
            return yield* this.parsePlainScalar();
        }
      }
      *parseStream() {
        let line = this.getLine();
        if (line === null)
          return this.setNext("stream");
        if (line[0] === cst.BOM) {
          yield* this.pushCount(1);
          line = line.substring(1);
        }
        if (line[0] === "%") {
          let dirEnd = line.length;
          let cs = line.indexOf("#");
          while (cs !== -1) {
            const ch = line[cs - 1];
            if (ch === " " || ch === "	") {
              dirEnd = cs - 1;
              break;
            } else {
              cs = line.indexOf("#", cs + 1);
            }
          }
          while (true) {
            const ch = line[dirEnd - 1];
            if (ch === " " || ch === "	")
              dirEnd -= 1;
            else
              break;
          }
          const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
          yield* this.pushCount(line.length - n);
          this.pushNewline();
          return "stream";
        }
        if (this.atLineEnd()) {
          const sp = yield* this.pushSpaces(true);
          yield* this.pushCount(line.length - sp);
          yield* this.pushNewline();
          return "stream";
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
      }
      *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
          return this.setNext("line-start");
        if (ch === "-" || ch === ".") {
          if (!this.atEnd && !this.hasChars(4))
            return this.setNext("line-start");
          const s = this.peek(3);
          if ((s === "---" || s === "...") && isEmpty(this.charAt(3))) {
            yield* this.pushCount(3);
            this.indentValue = 0;
            this.indentNext = 0;
            return s === "---" ? "doc" : "stream";
          }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
          this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
      }
      *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
          return this.setNext("block-start");
        if ((ch0 === "-" || ch0 === "?" || ch0 === ":") && isEmpty(ch1)) {
          const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
          this.indentNext = this.indentValue + 1;
          this.indentValue += n;
          return "block-start";
        }
        return "doc";
      }
      *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
          return this.setNext("doc");
        let n = yield* this.pushIndicators();
        switch (line[n]) {
          case "#":
            yield* this.pushCount(line.length - n);
          // fallthrough
          case void 0:
            yield* this.pushNewline();
            return yield* this.parseLineStart();
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel = 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            return "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "doc";
          case '"':
          case "'":
            return yield* this.parseQuotedScalar();
          case "|":
          case ">":
            n += yield* this.parseBlockScalarHeader();
            n += yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - n);
            yield* this.pushNewline();
            return yield* this.parseBlockScalar();
          default:
            return yield* this.parsePlainScalar();
        }
      }
      *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
          nl = yield* this.pushNewline();
          if (nl > 0) {
            sp = yield* this.pushSpaces(false);
            this.indentValue = indent = sp;
          } else {
            sp = 0;
          }
          sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
          return this.setNext("flow");
        if (indent !== -1 && indent < this.indentNext && line[0] !== "#" || indent === 0 && (line.startsWith("---") || line.startsWith("...")) && isEmpty(line[3])) {
          const atFlowEndMarker = indent === this.indentNext - 1 && this.flowLevel === 1 && (line[0] === "]" || line[0] === "}");
          if (!atFlowEndMarker) {
            this.flowLevel = 0;
            yield cst.FLOW_END;
            return yield* this.parseLineStart();
          }
        }
        let n = 0;
        while (line[n] === ",") {
          n += yield* this.pushCount(1);
          n += yield* this.pushSpaces(true);
          this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
          case void 0:
            return "flow";
          case "#":
            yield* this.pushCount(line.length - n);
            return "flow";
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel += 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            this.flowKey = true;
            this.flowLevel -= 1;
            return this.flowLevel ? "flow" : "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "flow";
          case '"':
          case "'":
            this.flowKey = true;
            return yield* this.parseQuotedScalar();
          case ":": {
            const next = this.charAt(1);
            if (this.flowKey || isEmpty(next) || next === ",") {
              this.flowKey = false;
              yield* this.pushCount(1);
              yield* this.pushSpaces(true);
              return "flow";
            }
          }
          // fallthrough
          default:
            this.flowKey = false;
            return yield* this.parsePlainScalar();
        }
      }
      *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
          while (end !== -1 && this.buffer[end + 1] === "'")
            end = this.buffer.indexOf("'", end + 2);
        } else {
          while (end !== -1) {
            let n = 0;
            while (this.buffer[end - 1 - n] === "\\")
              n += 1;
            if (n % 2 === 0)
              break;
            end = this.buffer.indexOf('"', end + 1);
          }
        }
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf("\n", this.pos);
        if (nl !== -1) {
          while (nl !== -1) {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = qb.indexOf("\n", cs);
          }
          if (nl !== -1) {
            end = nl - (qb[nl - 1] === "\r" ? 2 : 1);
          }
        }
        if (end === -1) {
          if (!this.atEnd)
            return this.setNext("quoted-scalar");
          end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? "flow" : "doc";
      }
      *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
          const ch = this.buffer[++i];
          if (ch === "+")
            this.blockScalarKeep = true;
          else if (ch > "0" && ch <= "9")
            this.blockScalarIndent = Number(ch) - 1;
          else if (ch !== "-")
            break;
        }
        return yield* this.pushUntil((ch) => isEmpty(ch) || ch === "#");
      }
      *parseBlockScalar() {
        let nl = this.pos - 1;
        let indent = 0;
        let ch;
        loop: for (let i2 = this.pos; ch = this.buffer[i2]; ++i2) {
          switch (ch) {
            case " ":
              indent += 1;
              break;
            case "\n":
              nl = i2;
              indent = 0;
              break;
            case "\r": {
              const next = this.buffer[i2 + 1];
              if (!next && !this.atEnd)
                return this.setNext("block-scalar");
              if (next === "\n")
                break;
            }
            // fallthrough
            default:
              break loop;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("block-scalar");
        if (indent >= this.indentNext) {
          if (this.blockScalarIndent === -1)
            this.indentNext = indent;
          else {
            this.indentNext = this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
          }
          do {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = this.buffer.indexOf("\n", cs);
          } while (nl !== -1);
          if (nl === -1) {
            if (!this.atEnd)
              return this.setNext("block-scalar");
            nl = this.buffer.length;
          }
        }
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === " ")
          ch = this.buffer[++i];
        if (ch === "	") {
          while (ch === "	" || ch === " " || ch === "\r" || ch === "\n")
            ch = this.buffer[++i];
          nl = i - 1;
        } else if (!this.blockScalarKeep) {
          do {
            let i2 = nl - 1;
            let ch2 = this.buffer[i2];
            if (ch2 === "\r")
              ch2 = this.buffer[--i2];
            const lastChar = i2;
            while (ch2 === " ")
              ch2 = this.buffer[--i2];
            if (ch2 === "\n" && i2 >= this.pos && i2 + 1 + indent > lastChar)
              nl = i2;
            else
              break;
          } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
      }
      *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while (ch = this.buffer[++i]) {
          if (ch === ":") {
            const next = this.buffer[i + 1];
            if (isEmpty(next) || inFlow && flowIndicatorChars.has(next))
              break;
            end = i;
          } else if (isEmpty(ch)) {
            let next = this.buffer[i + 1];
            if (ch === "\r") {
              if (next === "\n") {
                i += 1;
                ch = "\n";
                next = this.buffer[i + 1];
              } else
                end = i;
            }
            if (next === "#" || inFlow && flowIndicatorChars.has(next))
              break;
            if (ch === "\n") {
              const cs = this.continueScalar(i + 1);
              if (cs === -1)
                break;
              i = Math.max(i, cs - 2);
            }
          } else {
            if (inFlow && flowIndicatorChars.has(ch))
              break;
            end = i;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("plain-scalar");
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? "flow" : "doc";
      }
      *pushCount(n) {
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos += n;
          return n;
        }
        return 0;
      }
      *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
          yield s;
          this.pos += s.length;
          return s.length;
        } else if (allowEmpty)
          yield "";
        return 0;
      }
      *pushIndicators() {
        let n = 0;
        loop: while (true) {
          switch (this.charAt(0)) {
            case "!":
              n += yield* this.pushTag();
              n += yield* this.pushSpaces(true);
              continue loop;
            case "&":
              n += yield* this.pushUntil(isNotAnchorChar);
              n += yield* this.pushSpaces(true);
              continue loop;
            case "-":
            // this is an error
            case "?":
            // this is an error outside flow collections
            case ":": {
              const inFlow = this.flowLevel > 0;
              const ch1 = this.charAt(1);
              if (isEmpty(ch1) || inFlow && flowIndicatorChars.has(ch1)) {
                if (!inFlow)
                  this.indentNext = this.indentValue + 1;
                else if (this.flowKey)
                  this.flowKey = false;
                n += yield* this.pushCount(1);
                n += yield* this.pushSpaces(true);
                continue loop;
              }
            }
          }
          break loop;
        }
        return n;
      }
      *pushTag() {
        if (this.charAt(1) === "<") {
          let i = this.pos + 2;
          let ch = this.buffer[i];
          while (!isEmpty(ch) && ch !== ">")
            ch = this.buffer[++i];
          return yield* this.pushToIndex(ch === ">" ? i + 1 : i, false);
        } else {
          let i = this.pos + 1;
          let ch = this.buffer[i];
          while (ch) {
            if (tagChars.has(ch))
              ch = this.buffer[++i];
            else if (ch === "%" && hexDigits.has(this.buffer[i + 1]) && hexDigits.has(this.buffer[i + 2])) {
              ch = this.buffer[i += 3];
            } else
              break;
          }
          return yield* this.pushToIndex(i, false);
        }
      }
      *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === "\n")
          return yield* this.pushCount(1);
        else if (ch === "\r" && this.charAt(1) === "\n")
          return yield* this.pushCount(2);
        else
          return 0;
      }
      *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
          ch = this.buffer[++i];
        } while (ch === " " || allowTabs && ch === "	");
        const n = i - this.pos;
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos = i;
        }
        return n;
      }
      *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
          ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
      }
    };
    exports.Lexer = Lexer;
  }
});

// node_modules/yaml/dist/parse/line-counter.js
var require_line_counter = __commonJS({
  "node_modules/yaml/dist/parse/line-counter.js"(exports) {
    "use strict";
    var LineCounter2 = class {
      constructor() {
        this.lineStarts = [];
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        this.linePos = (offset) => {
          let low = 0;
          let high = this.lineStarts.length;
          while (low < high) {
            const mid = low + high >> 1;
            if (this.lineStarts[mid] < offset)
              low = mid + 1;
            else
              high = mid;
          }
          if (this.lineStarts[low] === offset)
            return { line: low + 1, col: 1 };
          if (low === 0)
            return { line: 0, col: offset };
          const start = this.lineStarts[low - 1];
          return { line: low, col: offset - start + 1 };
        };
      }
    };
    exports.LineCounter = LineCounter2;
  }
});

// node_modules/yaml/dist/parse/parser.js
var require_parser = __commonJS({
  "node_modules/yaml/dist/parse/parser.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var cst = require_cst();
    var lexer = require_lexer();
    function includesToken(list, type) {
      for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
          return true;
      return false;
    }
    function findNonEmptyIndex(list) {
      for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
          case "space":
          case "comment":
          case "newline":
            break;
          default:
            return i;
        }
      }
      return -1;
    }
    function isFlowToken(token) {
      switch (token?.type) {
        case "alias":
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "flow-collection":
          return true;
        default:
          return false;
      }
    }
    function getPrevProps(parent) {
      switch (parent.type) {
        case "document":
          return parent.start;
        case "block-map": {
          const it = parent.items[parent.items.length - 1];
          return it.sep ?? it.start;
        }
        case "block-seq":
          return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
          return [];
      }
    }
    function getFirstKeyStartProps(prev) {
      if (prev.length === 0)
        return [];
      let i = prev.length;
      loop: while (--i >= 0) {
        switch (prev[i].type) {
          case "doc-start":
          case "explicit-key-ind":
          case "map-value-ind":
          case "seq-item-ind":
          case "newline":
            break loop;
        }
      }
      while (prev[++i]?.type === "space") {
      }
      return prev.splice(i, prev.length);
    }
    function arrayPushArray(target, source) {
      if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
      else
        for (let i = 0; i < source.length; ++i)
          target.push(source[i]);
    }
    function fixFlowSeqItems(fc) {
      if (fc.start.type === "flow-seq-start") {
        for (const it of fc.items) {
          if (it.sep && !it.value && !includesToken(it.start, "explicit-key-ind") && !includesToken(it.sep, "map-value-ind")) {
            if (it.key)
              it.value = it.key;
            delete it.key;
            if (isFlowToken(it.value)) {
              if (it.value.end)
                arrayPushArray(it.value.end, it.sep);
              else
                it.value.end = it.sep;
            } else
              arrayPushArray(it.start, it.sep);
            delete it.sep;
          }
        }
      }
    }
    var Parser = class {
      /**
       * @param onNewLine - If defined, called separately with the start position of
       *   each new line (in `parse()`, including the start of input).
       */
      constructor(onNewLine) {
        this.atNewLine = true;
        this.atScalar = false;
        this.indent = 0;
        this.offset = 0;
        this.onKeyLine = false;
        this.stack = [];
        this.source = "";
        this.type = "";
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
      }
      /**
       * Parse `source` as a YAML stream.
       * If `incomplete`, a part of the last line may be left as a buffer for the next call.
       *
       * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
       *
       * @returns A generator of tokens representing each directive, document, and other structure.
       */
      *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
          this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
          yield* this.next(lexeme);
        if (!incomplete)
          yield* this.end();
      }
      /**
       * Advance the parser by the `source` of one lexical token.
       */
      *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
          console.log("|", cst.prettyToken(source));
        if (this.atScalar) {
          this.atScalar = false;
          yield* this.step();
          this.offset += source.length;
          return;
        }
        const type = cst.tokenType(source);
        if (!type) {
          const message = `Not a YAML token: ${source}`;
          yield* this.pop({ type: "error", offset: this.offset, message, source });
          this.offset += source.length;
        } else if (type === "scalar") {
          this.atNewLine = false;
          this.atScalar = true;
          this.type = "scalar";
        } else {
          this.type = type;
          yield* this.step();
          switch (type) {
            case "newline":
              this.atNewLine = true;
              this.indent = 0;
              if (this.onNewLine)
                this.onNewLine(this.offset + source.length);
              break;
            case "space":
              if (this.atNewLine && source[0] === " ")
                this.indent += source.length;
              break;
            case "explicit-key-ind":
            case "map-value-ind":
            case "seq-item-ind":
              if (this.atNewLine)
                this.indent += source.length;
              break;
            case "doc-mode":
            case "flow-error-end":
              return;
            default:
              this.atNewLine = false;
          }
          this.offset += source.length;
        }
      }
      /** Call at end of input to push out any remaining constructions */
      *end() {
        while (this.stack.length > 0)
          yield* this.pop();
      }
      get sourceToken() {
        const st = {
          type: this.type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
        return st;
      }
      *step() {
        const top = this.peek(1);
        if (this.type === "doc-end" && top?.type !== "doc-end") {
          while (this.stack.length > 0)
            yield* this.pop();
          this.stack.push({
            type: "doc-end",
            offset: this.offset,
            source: this.source
          });
          return;
        }
        if (!top)
          return yield* this.stream();
        switch (top.type) {
          case "document":
            return yield* this.document(top);
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return yield* this.scalar(top);
          case "block-scalar":
            return yield* this.blockScalar(top);
          case "block-map":
            return yield* this.blockMap(top);
          case "block-seq":
            return yield* this.blockSequence(top);
          case "flow-collection":
            return yield* this.flowCollection(top);
          case "doc-end":
            return yield* this.documentEnd(top);
        }
        yield* this.pop();
      }
      peek(n) {
        return this.stack[this.stack.length - n];
      }
      *pop(error) {
        const token = error ?? this.stack.pop();
        if (!token) {
          const message = "Tried to pop an empty stack";
          yield { type: "error", offset: this.offset, source: "", message };
        } else if (this.stack.length === 0) {
          yield token;
        } else {
          const top = this.peek(1);
          if (token.type === "block-scalar") {
            token.indent = "indent" in top ? top.indent : 0;
          } else if (token.type === "flow-collection" && top.type === "document") {
            token.indent = 0;
          }
          if (token.type === "flow-collection")
            fixFlowSeqItems(token);
          switch (top.type) {
            case "document":
              top.value = token;
              break;
            case "block-scalar":
              top.props.push(token);
              break;
            case "block-map": {
              const it = top.items[top.items.length - 1];
              if (it.value) {
                top.items.push({ start: [], key: token, sep: [] });
                this.onKeyLine = true;
                return;
              } else if (it.sep) {
                it.value = token;
              } else {
                Object.assign(it, { key: token, sep: [] });
                this.onKeyLine = !it.explicitKey;
                return;
              }
              break;
            }
            case "block-seq": {
              const it = top.items[top.items.length - 1];
              if (it.value)
                top.items.push({ start: [], value: token });
              else
                it.value = token;
              break;
            }
            case "flow-collection": {
              const it = top.items[top.items.length - 1];
              if (!it || it.value)
                top.items.push({ start: [], key: token, sep: [] });
              else if (it.sep)
                it.value = token;
              else
                Object.assign(it, { key: token, sep: [] });
              return;
            }
            /* istanbul ignore next should not happen */
            default:
              yield* this.pop();
              yield* this.pop(token);
          }
          if ((top.type === "document" || top.type === "block-map" || top.type === "block-seq") && (token.type === "block-map" || token.type === "block-seq")) {
            const last = token.items[token.items.length - 1];
            if (last && !last.sep && !last.value && last.start.length > 0 && findNonEmptyIndex(last.start) === -1 && (token.indent === 0 || last.start.every((st) => st.type !== "comment" || st.indent < token.indent))) {
              if (top.type === "document")
                top.end = last.start;
              else
                top.items.push({ start: last.start });
              token.items.splice(-1, 1);
            }
          }
        }
      }
      *stream() {
        switch (this.type) {
          case "directive-line":
            yield { type: "directive", offset: this.offset, source: this.source };
            return;
          case "byte-order-mark":
          case "space":
          case "comment":
          case "newline":
            yield this.sourceToken;
            return;
          case "doc-mode":
          case "doc-start": {
            const doc = {
              type: "document",
              offset: this.offset,
              start: []
            };
            if (this.type === "doc-start")
              doc.start.push(this.sourceToken);
            this.stack.push(doc);
            return;
          }
        }
        yield {
          type: "error",
          offset: this.offset,
          message: `Unexpected ${this.type} token in YAML stream`,
          source: this.source
        };
      }
      *document(doc) {
        if (doc.value)
          return yield* this.lineEnd(doc);
        switch (this.type) {
          case "doc-start": {
            if (findNonEmptyIndex(doc.start) !== -1) {
              yield* this.pop();
              yield* this.step();
            } else
              doc.start.push(this.sourceToken);
            return;
          }
          case "anchor":
          case "tag":
          case "space":
          case "comment":
          case "newline":
            doc.start.push(this.sourceToken);
            return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
          this.stack.push(bv);
        else {
          yield {
            type: "error",
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML document`,
            source: this.source
          };
        }
      }
      *scalar(scalar2) {
        if (this.type === "map-value-ind") {
          const prev = getPrevProps(this.peek(2));
          const start = getFirstKeyStartProps(prev);
          let sep3;
          if (scalar2.end) {
            sep3 = scalar2.end;
            sep3.push(this.sourceToken);
            delete scalar2.end;
          } else
            sep3 = [this.sourceToken];
          const map = {
            type: "block-map",
            offset: scalar2.offset,
            indent: scalar2.indent,
            items: [{ start, key: scalar2, sep: sep3 }]
          };
          this.onKeyLine = true;
          this.stack[this.stack.length - 1] = map;
        } else
          yield* this.lineEnd(scalar2);
      }
      *blockScalar(scalar2) {
        switch (this.type) {
          case "space":
          case "comment":
          case "newline":
            scalar2.props.push(this.sourceToken);
            return;
          case "scalar":
            scalar2.source = this.source;
            this.atNewLine = true;
            this.indent = 0;
            if (this.onNewLine) {
              let nl = this.source.indexOf("\n") + 1;
              while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf("\n", nl) + 1;
              }
            }
            yield* this.pop();
            break;
          /* istanbul ignore next should not happen */
          default:
            yield* this.pop();
            yield* this.step();
        }
      }
      *blockMap(map) {
        const it = map.items[map.items.length - 1];
        switch (this.type) {
          case "newline":
            this.onKeyLine = false;
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              it.start.push(this.sourceToken);
            }
            return;
          case "space":
          case "comment":
            if (it.value) {
              map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              if (this.atIndentedComment(it.start, map.indent)) {
                const prev = map.items[map.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  map.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
        }
        if (this.indent >= map.indent) {
          const atMapIndent = !this.onKeyLine && this.indent === map.indent;
          const atNextItem = atMapIndent && (it.sep || it.explicitKey) && this.type !== "seq-item-ind";
          let start = [];
          if (atNextItem && it.sep && !it.value) {
            const nl = [];
            for (let i = 0; i < it.sep.length; ++i) {
              const st = it.sep[i];
              switch (st.type) {
                case "newline":
                  nl.push(i);
                  break;
                case "space":
                  break;
                case "comment":
                  if (st.indent > map.indent)
                    nl.length = 0;
                  break;
                default:
                  nl.length = 0;
              }
            }
            if (nl.length >= 2)
              start = it.sep.splice(nl[1]);
          }
          switch (this.type) {
            case "anchor":
            case "tag":
              if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start });
                this.onKeyLine = true;
              } else if (it.sep) {
                it.sep.push(this.sourceToken);
              } else {
                it.start.push(this.sourceToken);
              }
              return;
            case "explicit-key-ind":
              if (!it.sep && !it.explicitKey) {
                it.start.push(this.sourceToken);
                it.explicitKey = true;
              } else if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start, explicitKey: true });
              } else {
                this.stack.push({
                  type: "block-map",
                  offset: this.offset,
                  indent: this.indent,
                  items: [{ start: [this.sourceToken], explicitKey: true }]
                });
              }
              this.onKeyLine = true;
              return;
            case "map-value-ind":
              if (it.explicitKey) {
                if (!it.sep) {
                  if (includesToken(it.start, "newline")) {
                    Object.assign(it, { key: null, sep: [this.sourceToken] });
                  } else {
                    const start2 = getFirstKeyStartProps(it.start);
                    this.stack.push({
                      type: "block-map",
                      offset: this.offset,
                      indent: this.indent,
                      items: [{ start: start2, key: null, sep: [this.sourceToken] }]
                    });
                  }
                } else if (it.value) {
                  map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                  });
                } else if (isFlowToken(it.key) && !includesToken(it.sep, "newline")) {
                  const start2 = getFirstKeyStartProps(it.start);
                  const key2 = it.key;
                  const sep3 = it.sep;
                  sep3.push(this.sourceToken);
                  delete it.key;
                  delete it.sep;
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: start2, key: key2, sep: sep3 }]
                  });
                } else if (start.length > 0) {
                  it.sep = it.sep.concat(start, this.sourceToken);
                } else {
                  it.sep.push(this.sourceToken);
                }
              } else {
                if (!it.sep) {
                  Object.assign(it, { key: null, sep: [this.sourceToken] });
                } else if (it.value || atNextItem) {
                  map.items.push({ start, key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [], key: null, sep: [this.sourceToken] }]
                  });
                } else {
                  it.sep.push(this.sourceToken);
                }
              }
              this.onKeyLine = true;
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (atNextItem || it.value) {
                map.items.push({ start, key: fs, sep: [] });
                this.onKeyLine = true;
              } else if (it.sep) {
                this.stack.push(fs);
              } else {
                Object.assign(it, { key: fs, sep: [] });
                this.onKeyLine = true;
              }
              return;
            }
            default: {
              const bv = this.startBlockValue(map);
              if (bv) {
                if (bv.type === "block-seq") {
                  if (!it.explicitKey && it.sep && !includesToken(it.sep, "newline")) {
                    yield* this.pop({
                      type: "error",
                      offset: this.offset,
                      message: "Unexpected block-seq-ind on same line with key",
                      source: this.source
                    });
                    return;
                  }
                } else if (atMapIndent) {
                  map.items.push({ start });
                }
                this.stack.push(bv);
                return;
              }
            }
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
          case "newline":
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                seq.items.push({ start: [this.sourceToken] });
            } else
              it.start.push(this.sourceToken);
            return;
          case "space":
          case "comment":
            if (it.value)
              seq.items.push({ start: [this.sourceToken] });
            else {
              if (this.atIndentedComment(it.start, seq.indent)) {
                const prev = seq.items[seq.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  seq.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
          case "anchor":
          case "tag":
            if (it.value || this.indent <= seq.indent)
              break;
            it.start.push(this.sourceToken);
            return;
          case "seq-item-ind":
            if (this.indent !== seq.indent)
              break;
            if (it.value || includesToken(it.start, "seq-item-ind"))
              seq.items.push({ start: [this.sourceToken] });
            else
              it.start.push(this.sourceToken);
            return;
        }
        if (this.indent > seq.indent) {
          const bv = this.startBlockValue(seq);
          if (bv) {
            this.stack.push(bv);
            return;
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === "flow-error-end") {
          let top;
          do {
            yield* this.pop();
            top = this.peek(1);
          } while (top?.type === "flow-collection");
        } else if (fc.end.length === 0) {
          switch (this.type) {
            case "comma":
            case "explicit-key-ind":
              if (!it || it.sep)
                fc.items.push({ start: [this.sourceToken] });
              else
                it.start.push(this.sourceToken);
              return;
            case "map-value-ind":
              if (!it || it.value)
                fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                Object.assign(it, { key: null, sep: [this.sourceToken] });
              return;
            case "space":
            case "comment":
            case "newline":
            case "anchor":
            case "tag":
              if (!it || it.value)
                fc.items.push({ start: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                it.start.push(this.sourceToken);
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (!it || it.value)
                fc.items.push({ start: [], key: fs, sep: [] });
              else if (it.sep)
                this.stack.push(fs);
              else
                Object.assign(it, { key: fs, sep: [] });
              return;
            }
            case "flow-map-end":
            case "flow-seq-end":
              fc.end.push(this.sourceToken);
              return;
          }
          const bv = this.startBlockValue(fc);
          if (bv)
            this.stack.push(bv);
          else {
            yield* this.pop();
            yield* this.step();
          }
        } else {
          const parent = this.peek(2);
          if (parent.type === "block-map" && (this.type === "map-value-ind" && parent.indent === fc.indent || this.type === "newline" && !parent.items[parent.items.length - 1].sep)) {
            yield* this.pop();
            yield* this.step();
          } else if (this.type === "map-value-ind" && parent.type !== "flow-collection") {
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            fixFlowSeqItems(fc);
            const sep3 = fc.end.splice(1, fc.end.length);
            sep3.push(this.sourceToken);
            const map = {
              type: "block-map",
              offset: fc.offset,
              indent: fc.indent,
              items: [{ start, key: fc, sep: sep3 }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
          } else {
            yield* this.lineEnd(fc);
          }
        }
      }
      flowScalar(type) {
        if (this.onNewLine) {
          let nl = this.source.indexOf("\n") + 1;
          while (nl !== 0) {
            this.onNewLine(this.offset + nl);
            nl = this.source.indexOf("\n", nl) + 1;
          }
        }
        return {
          type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
      }
      startBlockValue(parent) {
        switch (this.type) {
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return this.flowScalar(this.type);
          case "block-scalar-header":
            return {
              type: "block-scalar",
              offset: this.offset,
              indent: this.indent,
              props: [this.sourceToken],
              source: ""
            };
          case "flow-map-start":
          case "flow-seq-start":
            return {
              type: "flow-collection",
              offset: this.offset,
              indent: this.indent,
              start: this.sourceToken,
              items: [],
              end: []
            };
          case "seq-item-ind":
            return {
              type: "block-seq",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: [this.sourceToken] }]
            };
          case "explicit-key-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            start.push(this.sourceToken);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, explicitKey: true }]
            };
          }
          case "map-value-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, key: null, sep: [this.sourceToken] }]
            };
          }
        }
        return null;
      }
      atIndentedComment(start, indent) {
        if (this.type !== "comment")
          return false;
        if (this.indent <= indent)
          return false;
        return start.every((st) => st.type === "newline" || st.type === "space");
      }
      *documentEnd(docEnd) {
        if (this.type !== "doc-mode") {
          if (docEnd.end)
            docEnd.end.push(this.sourceToken);
          else
            docEnd.end = [this.sourceToken];
          if (this.type === "newline")
            yield* this.pop();
        }
      }
      *lineEnd(token) {
        switch (this.type) {
          case "comma":
          case "doc-start":
          case "doc-end":
          case "flow-seq-end":
          case "flow-map-end":
          case "map-value-ind":
            yield* this.pop();
            yield* this.step();
            break;
          case "newline":
            this.onKeyLine = false;
          // fallthrough
          case "space":
          case "comment":
          default:
            if (token.end)
              token.end.push(this.sourceToken);
            else
              token.end = [this.sourceToken];
            if (this.type === "newline")
              yield* this.pop();
        }
      }
    };
    exports.Parser = Parser;
  }
});

// node_modules/yaml/dist/public-api.js
var require_public_api = __commonJS({
  "node_modules/yaml/dist/public-api.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var errors = require_errors();
    var log = require_log();
    var identity = require_identity();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    function parseOptions(options) {
      const prettyErrors = options.prettyErrors !== false;
      const lineCounter$1 = options.lineCounter || prettyErrors && new lineCounter.LineCounter() || null;
      return { lineCounter: lineCounter$1, prettyErrors };
    }
    function parseAllDocuments(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      const docs = Array.from(composer$1.compose(parser$1.parse(source)));
      if (prettyErrors && lineCounter2)
        for (const doc of docs) {
          doc.errors.forEach(errors.prettifyError(source, lineCounter2));
          doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
        }
      if (docs.length > 0)
        return docs;
      return Object.assign([], { empty: true }, composer$1.streamInfo());
    }
    function parseDocument2(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      let doc = null;
      for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
          doc = _doc;
        else if (doc.options.logLevel !== "silent") {
          doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"));
          break;
        }
      }
      if (prettyErrors && lineCounter2) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter2));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
      }
      return doc;
    }
    function parse(src, reviver, options) {
      let _reviver = void 0;
      if (typeof reviver === "function") {
        _reviver = reviver;
      } else if (options === void 0 && reviver && typeof reviver === "object") {
        options = reviver;
      }
      const doc = parseDocument2(src, options);
      if (!doc)
        return null;
      doc.warnings.forEach((warning) => log.warn(doc.options.logLevel, warning));
      if (doc.errors.length > 0) {
        if (doc.options.logLevel !== "silent")
          throw doc.errors[0];
        else
          doc.errors = [];
      }
      return doc.toJS(Object.assign({ reviver: _reviver }, options));
    }
    function stringify(value2, replacer, options) {
      let _replacer = null;
      if (typeof replacer === "function" || Array.isArray(replacer)) {
        _replacer = replacer;
      } else if (options === void 0 && replacer) {
        options = replacer;
      }
      if (typeof options === "string")
        options = options.length;
      if (typeof options === "number") {
        const indent = Math.round(options);
        options = indent < 1 ? void 0 : indent > 8 ? { indent: 8 } : { indent };
      }
      if (value2 === void 0) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
          return void 0;
      }
      if (identity.isDocument(value2) && !_replacer)
        return value2.toString(options);
      return new Document.Document(value2, _replacer, options).toString(options);
    }
    exports.parse = parse;
    exports.parseAllDocuments = parseAllDocuments;
    exports.parseDocument = parseDocument2;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/index.js
var require_dist = __commonJS({
  "node_modules/yaml/dist/index.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var Schema = require_Schema();
    var errors = require_errors();
    var Alias = require_Alias();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var cst = require_cst();
    var lexer = require_lexer();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    var publicApi = require_public_api();
    var visit = require_visit();
    exports.Composer = composer.Composer;
    exports.Document = Document.Document;
    exports.Schema = Schema.Schema;
    exports.YAMLError = errors.YAMLError;
    exports.YAMLParseError = errors.YAMLParseError;
    exports.YAMLWarning = errors.YAMLWarning;
    exports.Alias = Alias.Alias;
    exports.isAlias = identity.isAlias;
    exports.isCollection = identity.isCollection;
    exports.isDocument = identity.isDocument;
    exports.isMap = identity.isMap;
    exports.isNode = identity.isNode;
    exports.isPair = identity.isPair;
    exports.isScalar = identity.isScalar;
    exports.isSeq = identity.isSeq;
    exports.Pair = Pair.Pair;
    exports.Scalar = Scalar.Scalar;
    exports.YAMLMap = YAMLMap.YAMLMap;
    exports.YAMLSeq = YAMLSeq.YAMLSeq;
    exports.CST = cst;
    exports.Lexer = lexer.Lexer;
    exports.LineCounter = lineCounter.LineCounter;
    exports.Parser = parser.Parser;
    exports.parse = publicApi.parse;
    exports.parseAllDocuments = publicApi.parseAllDocuments;
    exports.parseDocument = publicApi.parseDocument;
    exports.stringify = publicApi.stringify;
    exports.visit = visit.visit;
    exports.visitAsync = visit.visitAsync;
  }
});

// src/cli/main.ts
import { parseArgs } from "node:util";

// src/errors.ts
var InputError = class extends Error {
  constructor(file, message) {
    super(file ? `${file}: ${message}` : message);
    this.file = file;
    this.name = "InputError";
  }
  file;
};
var DecodeError = class extends Error {
  constructor(message, offset) {
    super(`${message} at byte ${offset}`);
    this.offset = offset;
    this.name = "DecodeError";
  }
  offset;
};
var UsageError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "UsageError";
  }
};

// src/graph/info.ts
var MAX_TRACKED_ELEMENTS = 4096;
function tensor(dtype, shape, value2) {
  const t = { kind: "tensor", dtype, shape };
  if (value2 !== void 0 && value2.length <= MAX_TRACKED_ELEMENTS) t.value = value2;
  return t;
}
function infoFromType(type) {
  if (!type) return null;
  switch (type.kind) {
    case "tensor":
    case "sparse":
      return tensor(type.dtype, type.shape ? [...type.shape] : null);
    case "sequence": {
      const elem = infoFromType(type.elem);
      return { kind: "sequence", elem: elem && elem.kind === "tensor" ? elem : null };
    }
    case "optional":
      return { kind: "optional", elem: infoFromType(type.elem) };
    case "map":
      return { kind: "map", key: type.key, value: infoFromType(type.value) };
  }
}

// src/graph/dtype.ts
var BY_CODE = [
  null,
  "float32",
  "uint8",
  "int8",
  "uint16",
  "int16",
  "int32",
  "int64",
  "string",
  "bool",
  "float16",
  "float64",
  "uint32",
  "uint64",
  "complex64",
  "complex128",
  "bfloat16",
  "float8e4m3fn",
  "float8e4m3fnuz",
  "float8e5m2",
  "float8e5m2fnuz",
  "uint4",
  "int4",
  "float4e2m1",
  "float8e8m0",
  "uint2",
  "int2"
];
var BITS = {
  float32: 32,
  uint8: 8,
  int8: 8,
  uint16: 16,
  int16: 16,
  int32: 32,
  int64: 64,
  // A string tensor's size is data-dependent; it counts as 0 bytes and the report says so.
  string: 0,
  bool: 8,
  float16: 16,
  float64: 64,
  uint32: 32,
  uint64: 64,
  complex64: 64,
  complex128: 128,
  bfloat16: 16,
  float8e4m3fn: 8,
  float8e4m3fnuz: 8,
  float8e5m2: 8,
  float8e5m2fnuz: 8,
  uint4: 4,
  int4: 4,
  float4e2m1: 4,
  float8e8m0: 8,
  uint2: 2,
  int2: 2
};
function dtypeFromCode(code2) {
  return BY_CODE[code2] ?? null;
}
function byteSize(dtype, count) {
  return Math.ceil(count * BITS[dtype] / 8);
}
function isFloat(dtype) {
  return dtype !== null && (dtype.startsWith("float") || dtype === "bfloat16");
}
function isInteger(dtype) {
  return dtype !== null && /^u?int\d+$/.test(dtype);
}
function isNumeric(dtype) {
  return dtype !== null && dtype !== "string" && dtype !== "bool";
}
var ALL_DTYPES = BY_CODE.filter((d) => d !== null);
var INT_RANGE = {
  int8: [-128, 127],
  uint8: [0, 255],
  int16: [-32768, 32767],
  uint16: [0, 65535],
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
  int64: [-Infinity, Infinity],
  uint64: [0, Infinity],
  int4: [-8, 7],
  uint4: [0, 15],
  int2: [-2, 1],
  uint2: [0, 3]
};

// src/graph/shape.ts
function isConcrete(shape) {
  return shape !== null && shape.every((d) => typeof d === "number");
}
function numel(shape) {
  if (shape === null) return null;
  let n = 1;
  for (const d of shape) {
    if (typeof d !== "number") return null;
    n *= d;
  }
  return n;
}
function mergeDim(a, b) {
  if (a === null) return b;
  if (b === null) return a;
  if (a === b) return a;
  if (typeof a === "number" && typeof b !== "number") return a;
  if (typeof b === "number" && typeof a !== "number") return b;
  return null;
}
function broadcast(a, b) {
  if (a === null || b === null) return null;
  const rank = Math.max(a.length, b.length);
  const out = new Array(rank);
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
    const db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
    out[i] = broadcastDim(da, db);
  }
  return out;
}
function broadcastDim(a, b) {
  if (a === 1) return b;
  if (b === 1) return a;
  if (a === b) return a;
  if (typeof a === "number" && typeof b === "number") return null;
  if (typeof a === "number") return a;
  if (typeof b === "number") return b;
  return null;
}
function broadcastAll(shapes) {
  let out = [];
  for (const s of shapes) {
    out = broadcast(out, s);
    if (out === null) return null;
  }
  return out;
}
function normAxis(axis, rank) {
  const a = axis < 0 ? axis + rank : axis;
  return a >= 0 && a < rank ? a : null;
}
function mulDims(a, b) {
  if (a === 0 || b === 0) return 0;
  if (typeof a === "number" && typeof b === "number") return a * b;
  if (a === 1) return b;
  if (b === 1) return a;
  return null;
}
function addDims(a, b) {
  if (typeof a === "number" && typeof b === "number") return a + b;
  if (a === 0) return b;
  if (b === 0) return a;
  return null;
}
function product(dims2) {
  let p = 1;
  for (const d of dims2) p = mulDims(p, d);
  return p;
}
function shapeToString(shape) {
  if (shape === null) return "?";
  return `[${shape.map((d) => d === null ? "?" : String(d)).join(", ")}]`;
}

// src/graph/model.ts
function normDomain(domain) {
  return domain === "ai.onnx" ? "" : domain;
}

// src/ops/types.ts
var ZERO_COST = Object.freeze({ macs: 0, flops: 0, coreMacs: 0 });
var Attrs = class {
  constructor(map) {
    this.map = map;
  }
  map;
  has(name) {
    return this.map.has(name);
  }
  get raw() {
    return this.map;
  }
  int(name, fallback) {
    const a = this.map.get(name);
    if (a?.type === "int") return a.value;
    if (a?.type === "float") return Math.trunc(a.value);
    return fallback;
  }
  float(name, fallback) {
    const a = this.map.get(name);
    if (a?.type === "float" || a?.type === "int") return a.value;
    return fallback;
  }
  string(name, fallback) {
    const a = this.map.get(name);
    return a?.type === "string" ? a.value : fallback;
  }
  ints(name) {
    const a = this.map.get(name);
    if (a?.type === "ints") return a.value;
    if (a?.type === "int") return [a.value];
    return void 0;
  }
  floats(name) {
    const a = this.map.get(name);
    if (a?.type === "floats") return a.value;
    if (a?.type === "float") return [a.value];
    return void 0;
  }
  strings(name) {
    const a = this.map.get(name);
    if (a?.type === "strings") return a.value;
    if (a?.type === "string") return [a.value];
    return void 0;
  }
  tensor(name) {
    const a = this.map.get(name);
    return a?.type === "tensor" ? a.value : void 0;
  }
  graph(name) {
    const a = this.map.get(name);
    return a?.type === "graph" ? a.value : void 0;
  }
  typeProto(name) {
    const a = this.map.get(name);
    return a?.type === "type_proto" ? a.value : void 0;
  }
};
function knownInts(info) {
  if (!info || info.kind !== "tensor" || !info.value) return null;
  const v = info.value;
  for (const x of v) if (typeof x !== "number") return null;
  return v;
}
function dimValues(info) {
  if (!info || info.kind !== "tensor" || !info.value) return null;
  return info.value;
}

// src/ops/common.ts
function outputElements(ctx, i = 0) {
  const out = ctx.output(i);
  return out ? numel(out.shape) : null;
}
function inputElements(ctx, i = 0) {
  const inp = ctx.input(i);
  return inp ? numel(inp.shape) : null;
}
function perOutputElement(ctx, perElement) {
  const n = outputElements(ctx);
  return n === null ? null : { macs: 0, flops: n * perElement, coreMacs: 0 };
}
function coreCost(macs, extraFlops = 0) {
  return { macs, flops: 2 * macs + extraFlops, coreMacs: macs };
}
function macCost(macs, extraFlops = 0) {
  return { macs, flops: 2 * macs + extraFlops, coreMacs: 0 };
}
function addCosts(a, b) {
  return { macs: a.macs + b.macs, flops: a.flops + b.flops, coreMacs: a.coreMacs + b.coreMacs };
}
function scaleCost(a, k) {
  return { macs: a.macs * k, flops: a.flops * k, coreMacs: a.coreMacs * k };
}

// src/ops/elementwise.ts
function roundHalfEven(q) {
  const f = Math.floor(q);
  const d = q - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}
function roundBinary(x, p, emin, max) {
  if (!Number.isFinite(x) || x === 0) return x;
  const a = Math.abs(x);
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  if (2 ** (e + 1) <= a) e++;
  const ulp = 2 ** (Math.max(e, emin) - (p - 1));
  const r = roundHalfEven(a / ulp) * ulp;
  return Math.sign(x) * (r > max ? Infinity : r);
}
function roundFloat(x, dtype) {
  switch (dtype) {
    case "float64":
      return x;
    case "float32":
      return Math.fround(x);
    case "float16":
      return roundBinary(x, 11, -14, 65504);
    case "bfloat16":
      return roundBinary(x, 8, -126, 33895313892515355e22);
    default:
      return null;
  }
}
function fitDtype(x, dtype) {
  if (x === null || dtype === null) return null;
  if (typeof x === "string") return dtype === "bool" ? null : x;
  if (dtype === "bool") return Number.isNaN(x) ? null : x !== 0 ? 1 : 0;
  const range = INT_RANGE[dtype];
  if (range) return Number.isInteger(x) && x >= range[0] && x <= range[1] ? x : null;
  if (isFloat(dtype)) return roundFloat(x, dtype);
  return null;
}
function intResult(x, dtype) {
  if (!isInteger(dtype)) return x;
  return Number.isSafeInteger(x) ? x : null;
}
function broadcastStrides(shape, out) {
  const rank = out.length;
  const strides = new Array(rank).fill(0);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const j = i + rank - shape.length;
    strides[j] = shape[i] === 1 && out[j] !== 1 ? 0 : s;
    s *= shape[i];
  }
  return strides;
}
function evalBroadcast(inputs, outShape, dtype, fn) {
  if (dtype === null || !isConcrete(outShape)) return void 0;
  const n = numel(outShape);
  if (n > MAX_TRACKED_ELEMENTS) return void 0;
  const strides = [];
  const values = [];
  for (const t of inputs) {
    if (!t?.value || !isConcrete(t.shape) || numel(t.shape) !== t.value.length) return void 0;
    if (t.shape.length > outShape.length) return void 0;
    strides.push(broadcastStrides(t.shape, outShape));
    values.push(t.value);
  }
  const out = new Array(n);
  const index = new Array(outShape.length).fill(0);
  const args = new Array(inputs.length);
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < inputs.length; i++) {
      let off = 0;
      for (let d = 0; d < index.length; d++) off += index[d] * strides[i][d];
      args[i] = values[i][off];
    }
    out[k] = fitDtype(fn(args), dtype);
    for (let d = index.length - 1; d >= 0; d--) {
      if (++index[d] < outShape[d]) break;
      index[d] = 0;
    }
  }
  return out;
}
function same(a, b) {
  return a !== null && a === b;
}
function lift(num2, sym, dtype) {
  return (a, b) => {
    if (typeof a === "number" && typeof b === "number") return num2(a, b, dtype);
    if (a === null || b === null) return null;
    return sym(a, b);
  };
}
function addIn(dtype) {
  return lift(addNum, addSym, dtype);
}
function mulIn(dtype) {
  return lift(mulNum, mulSym, dtype);
}
function binary(num2, sym, dtype) {
  const f = lift(num2, sym, dtype);
  return ([a, b]) => f(a, b);
}
var addNum = (a, b, dt) => intResult(a + b, dt);
var subNum = (a, b, dt) => intResult(a - b, dt);
var mulNum = (a, b, dt) => intResult(a * b, dt);
var divNum = (a, b, dt) => {
  if (isInteger(dt)) return b === 0 ? null : intResult(Math.trunc(a / b), dt);
  return a / b;
};
function modNum(fmod) {
  return (a, b, dt) => {
    if (isInteger(dt) && b === 0) return null;
    const r = a % b;
    if (fmod || !isInteger(dt)) return r;
    return r !== 0 && r < 0 !== b < 0 ? r + b : r;
  };
}
var powNum = (a, b, dt) => {
  const r = Math.pow(a, b);
  if (!Number.isFinite(r)) return isInteger(dt) ? null : r;
  if (isInteger(dt)) return intResult(Math.trunc(r), dt);
  return Number.isInteger(r) && Math.abs(r) <= 2 ** 24 ? r : null;
};
function addSym(a, b) {
  if (b === 0) return a;
  if (a === 0) return b;
  return null;
}
function subSym(a, b) {
  if (b === 0) return a;
  if (same(a, b)) return 0;
  return null;
}
function mulSym(a, b) {
  if (a === 0 || b === 0) return 0;
  if (b === 1) return a;
  if (a === 1) return b;
  return null;
}
function divSym(a, b) {
  return b === 1 ? a : null;
}
var noSym = () => null;
function signRange(a, b) {
  if (typeof a === "number" && typeof b === "number") {
    if (Number.isNaN(a) || Number.isNaN(b)) return null;
    const s = Math.sign(a - b);
    return [s, s];
  }
  if (same(a, b)) return [0, 0];
  if (typeof a === "string" && typeof b === "number") return b < 0 ? [1, 1] : b === 0 ? [0, 1] : null;
  if (typeof a === "number" && typeof b === "string") return a < 0 ? [-1, -1] : a === 0 ? [-1, 0] : null;
  return null;
}
function compare(test) {
  return ([a, b]) => {
    if (typeof a === "number" && typeof b === "number" && (Number.isNaN(a) || Number.isNaN(b))) return 0;
    const r = signRange(a, b);
    if (!r) return null;
    const first = test(r[0]);
    for (let s = r[0] + 1; s <= r[1]; s++) if (test(s) !== first) return null;
    return first ? 1 : 0;
  };
}
function maxOf(a, b) {
  if (typeof a === "number" && typeof b === "number") return Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.max(a, b);
  const r = signRange(a, b);
  if (!r) return null;
  if (r[0] >= 0) return a;
  if (r[1] <= 0) return b;
  return null;
}
function minOf(a, b) {
  if (typeof a === "number" && typeof b === "number") return Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.min(a, b);
  const r = signRange(a, b);
  if (!r) return null;
  if (r[1] <= 0) return a;
  if (r[0] >= 0) return b;
  return null;
}
function fold(f, dtype) {
  return (args) => args.reduce((acc, x) => fitDtype(f(acc, x), dtype));
}
function truthy(x) {
  return typeof x === "number" ? x !== 0 : null;
}
function logical(f) {
  return ([a, b]) => {
    const x = truthy(a);
    const y = truthy(b);
    return x === null || y === null ? null : f(x, y) ? 1 : 0;
  };
}
function firstDtype(ctx, indices) {
  for (const i of indices) {
    const d = ctx.input(i)?.dtype;
    if (d) return d;
  }
  return null;
}
function presentInputs(ctx) {
  const out = [];
  for (let i = 0; i < ctx.node.inputs.length; i++) if (ctx.has(i)) out.push(i);
  return out;
}
function copyShape(shape) {
  return shape ? [...shape] : null;
}
function unaryOp(opType, perElement, o = {}) {
  return {
    opType,
    domain: o.domain,
    infer(ctx) {
      const x = ctx.input(0);
      const dtype = o.dtype ?? x?.dtype ?? null;
      const shape = copyShape(x?.shape);
      const value2 = x && o.value && x.dtype ? evalBroadcast([x], shape, dtype, o.value(x.dtype, ctx)) : void 0;
      return [tensor(dtype, shape, value2)];
    },
    cost(ctx) {
      return perOutputElement(ctx, typeof perElement === "number" ? perElement : perElement(ctx));
    }
  };
}
function broadcastOp(opType, o = {}) {
  return {
    opType,
    domain: o.domain,
    infer(ctx) {
      const idx = presentInputs(ctx);
      const infos = idx.map((i) => ctx.input(i));
      const computeDtype = firstDtype(ctx, o.dtypeFrom ?? idx);
      const dtype = o.dtype ?? computeDtype;
      const legacy = legacyBroadcast(ctx);
      const shape = legacy !== void 0 ? legacy : broadcastAll(infos.map((t) => t?.shape ?? null));
      const fn = o.value && computeDtype && legacy === void 0 ? o.value(computeDtype, ctx) : null;
      const value2 = fn ? evalBroadcast(infos, shape, dtype, fn) : void 0;
      return [tensor(dtype, shape, value2)];
    },
    cost(ctx) {
      const per = o.perElement ? o.perElement(presentInputs(ctx).length) : 1;
      return perOutputElement(ctx, per);
    }
  };
}
function legacyBroadcast(ctx) {
  if (ctx.opset >= 7 || ctx.node.inputs.length !== 2) return void 0;
  const a = ctx.input(0)?.shape;
  return a ? [...a] : null;
}
var neg = (dt) => ([x]) => typeof x === "number" ? isInteger(dt) ? intResult(0 - x, dt) : -x : null;
var abs = () => ([x]) => typeof x === "number" ? Math.abs(x) : x;
var sign = () => ([x]) => typeof x === "number" ? Math.sign(x) : null;
var integral = (f) => () => ([x]) => typeof x === "number" ? f(x) : x;
var sqrt = (dt) => ([x]) => typeof x === "number" && isFloat(dt) ? Math.sqrt(x) : null;
var reciprocal = (dt) => ([x]) => typeof x === "number" && isFloat(dt) ? 1 / x : null;
function isInf(_dt, ctx) {
  const neg2 = ctx.attrs.int("detect_negative", 1) !== 0;
  const pos2 = ctx.attrs.int("detect_positive", 1) !== 0;
  return ([x]) => {
    if (typeof x === "string") return 0;
    if (x === null) return null;
    return x === Infinity && pos2 || x === -Infinity && neg2 ? 1 : 0;
  };
}
var not = () => ([x]) => typeof x === "number" ? x === 0 ? 1 : 0 : null;
var UNARY = [
  ["Abs", abs],
  ["Neg", neg],
  ["Exp"],
  ["Log"],
  ["Sqrt", sqrt],
  ["Reciprocal", reciprocal],
  ["Floor", integral(Math.floor)],
  ["Ceil", integral(Math.ceil)],
  ["Round", integral(roundHalfEven)],
  ["Sign", sign],
  ["Sin"],
  ["Cos"],
  ["Tan"],
  ["Asin"],
  ["Acos"],
  ["Atan"],
  ["Sinh"],
  ["Cosh"],
  ["Asinh"],
  ["Acosh"],
  ["Atanh"],
  ["Erf"],
  ["BitwiseNot"]
];
var ARITH = [
  ["Add", addNum, addSym],
  ["Sub", subNum, subSym],
  ["Mul", mulNum, mulSym],
  ["Div", divNum, divSym]
];
var COMPARE = [
  ["Equal", (s) => s === 0],
  ["Greater", (s) => s > 0],
  ["Less", (s) => s < 0],
  ["GreaterOrEqual", (s) => s >= 0],
  ["LessOrEqual", (s) => s <= 0]
];
var LOGIC = [
  ["And", (a, b) => a && b],
  ["Or", (a, b) => a || b],
  ["Xor", (a, b) => a !== b]
];
function clipBounds(ctx) {
  if (ctx.opset < 11) {
    const lo2 = ctx.attrs.float("min");
    const hi2 = ctx.attrs.float("max");
    return { count: (lo2 !== void 0 ? 1 : 0) + (hi2 !== void 0 ? 1 : 0), lo: lo2, hi: hi2 };
  }
  const bound = (i) => {
    if (!ctx.has(i)) return void 0;
    const v = ctx.input(i)?.value;
    return v && v.length === 1 ? v[0] : null;
  };
  const lo = bound(1);
  const hi = bound(2);
  return { count: (ctx.has(1) ? 1 : 0) + (ctx.has(2) ? 1 : 0), lo, hi };
}
var clip = {
  opType: "Clip",
  infer(ctx) {
    const x = ctx.input(0);
    const dtype = x?.dtype ?? null;
    const shape = copyShape(x?.shape);
    const b = clipBounds(ctx);
    let value2;
    if (x && b.lo !== null && b.hi !== null) {
      const { lo, hi } = b;
      value2 = evalBroadcast([x], shape, dtype, ([v]) => {
        let r = v;
        if (lo !== void 0) r = maxOf(r, lo);
        if (hi !== void 0) r = minOf(r, hi);
        return r;
      });
    }
    return [tensor(dtype, shape, value2)];
  },
  cost(ctx) {
    return perOutputElement(ctx, clipBounds(ctx).count);
  }
};
function cumulative(opType, step, identity) {
  return {
    opType,
    infer(ctx) {
      const x = ctx.input(0);
      const dtype = x?.dtype ?? null;
      const shape = copyShape(x?.shape);
      return [tensor(dtype, shape, cumulativeValue(ctx, step, identity))];
    },
    cost(ctx) {
      return perOutputElement(ctx, 1);
    }
  };
}
function cumulativeValue(ctx, step, identity) {
  const x = ctx.input(0);
  const axisV = knownInts(ctx.input(1));
  if (!x?.value || !x.dtype || !isConcrete(x.shape) || !axisV || axisV.length !== 1) return void 0;
  const shape = x.shape;
  const axis = normAxis(axisV[0], shape.length);
  if (axis === null || numel(shape) !== x.value.length) return void 0;
  const exclusive = ctx.attrs.int("exclusive", 0) !== 0;
  const reverse = ctx.attrs.int("reverse", 0) !== 0;
  const len = shape[axis];
  const inner = numel(shape.slice(axis + 1));
  const outer = numel(shape.slice(0, axis));
  const out = new Array(x.value.length);
  const dtype = x.dtype;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let acc = identity;
      for (let s = 0; s < len; s++) {
        const k = reverse ? len - 1 - s : s;
        const at = (o * len + k) * inner + i;
        const v = x.value[at];
        const next = typeof acc === "number" && typeof v === "number" ? step(acc, v, dtype) : null;
        out[at] = fitDtype(exclusive ? acc : next, dtype);
        acc = fitDtype(next, dtype);
      }
    }
  }
  return out;
}
function detFlops(m) {
  if (m <= 1) return 0;
  return m * (m - 1) / 2 + (m - 1) * m * (2 * m - 1) / 3 + (m - 1);
}
var det = {
  opType: "Det",
  infer(ctx) {
    const x = ctx.input(0);
    const s = x?.shape;
    return [tensor(x?.dtype ?? null, s && s.length >= 2 ? s.slice(0, -2) : null)];
  },
  cost(ctx) {
    const s = ctx.input(0)?.shape;
    if (!s || s.length < 2 || !isConcrete(s)) return null;
    const batch = numel(s.slice(0, -2));
    return { macs: 0, flops: batch * detFlops(s[s.length - 1]), coreMacs: 0 };
  }
};
var biasAdd = {
  opType: "BiasAdd",
  domain: "com.microsoft",
  infer(ctx) {
    const x = ctx.input(0);
    return [tensor(x?.dtype ?? null, copyShape(x?.shape))];
  },
  cost(ctx) {
    const n = outputElements(ctx);
    return n === null ? null : { macs: 0, flops: 2 * n, coreMacs: 0 };
  }
};
var ops = [
  ...UNARY.map(([name, value2]) => unaryOp(name, 1, { value: value2 })),
  unaryOp("IsNaN", 1, { dtype: "bool", value: () => ([x]) => typeof x === "number" ? Number.isNaN(x) ? 1 : 0 : x === null ? null : 0 }),
  unaryOp("IsInf", 1, { dtype: "bool", value: isInf }),
  unaryOp("Not", 1, { dtype: "bool", value: not }),
  ...ARITH.map(([name, num2, sym]) => broadcastOp(name, { value: (dt) => binary(num2, sym, dt) })),
  broadcastOp("Pow", { dtypeFrom: [0], value: (dt, ctx) => ctx.input(1)?.dtype ? binary(powNum, (a, b) => b === 1 ? a : null, dt) : null }),
  broadcastOp("Mod", { value: (dt, ctx) => binary(modNum(ctx.attrs.int("fmod", 0) !== 0), noSym, dt) }),
  broadcastOp("BitShift", { dtypeFrom: [0] }),
  ...COMPARE.map(([name, test]) => broadcastOp(name, { dtype: "bool", value: () => compare(test) })),
  ...LOGIC.map(([name, f]) => broadcastOp(name, { dtype: "bool", value: () => logical(f) })),
  broadcastOp("BitwiseAnd"),
  broadcastOp("BitwiseOr"),
  broadcastOp("BitwiseXor"),
  broadcastOp("Sum", { value: (dt) => fold(lift(addNum, addSym, dt), dt), perElement: (n) => n - 1 }),
  broadcastOp("Mean", { value: (dt) => meanOf(dt), perElement: (n) => n }),
  broadcastOp("Max", { value: (dt) => fold(maxOf, dt), perElement: (n) => n - 1 }),
  broadcastOp("Min", { value: (dt) => fold(minOf, dt), perElement: (n) => n - 1 }),
  broadcastOp("Where", {
    dtypeFrom: [1, 2],
    value: () => ([c, a, b]) => {
      const t = truthy(c);
      if (t === null) return same(a, b) ? a : null;
      return t ? a : b;
    }
  }),
  clip,
  cumulative("CumSum", addNum, 0),
  cumulative("CumProd", mulNum, 1),
  det,
  biasAdd
];
function meanOf(dtype) {
  const sum = fold(lift(addNum, addSym, dtype), dtype);
  return (args) => {
    if (args.every((x) => same(x, args[0]))) return args[0];
    const s = sum(args);
    return typeof s === "number" ? divNum(s, args.length, dtype) : null;
  };
}

// src/ops/activations.ts
var MS = "com.microsoft";
function softmaxRows(ctx) {
  const s = ctx.input(0)?.shape;
  if (!s || !isConcrete(s)) return null;
  const n = numel(s);
  const rank = s.length;
  if (rank === 0) return n;
  const legacy = ctx.opset < 13;
  let axis = ctx.attrs.int("axis", legacy ? 1 : -1);
  if (axis < 0) axis += rank;
  if (axis < 0 || axis > rank || !legacy && axis === rank) return null;
  const rowLen = legacy ? numel(s.slice(axis)) : s[axis];
  return rowLen === 0 ? 0 : n / rowLen;
}
function logSoftmaxCost(ctx) {
  const n = outputElements(ctx);
  const rows = softmaxRows(ctx);
  return n === null || rows === null ? null : { macs: 0, flops: 5 * n + rows, coreMacs: 0 };
}
function geluFlops(ctx) {
  return ctx.attrs.string("approximate", "none") === "tanh" ? 9 : 5;
}
function mergeShapes(a, b) {
  if (!a) return copyShape(b);
  if (!b || a.length !== b.length) return [...a];
  return a.map((d, i) => mergeDim(d, b[i]));
}
var swiglu = {
  opType: "SwiGLU",
  infer(ctx) {
    const a = ctx.input(0);
    const b = ctx.input(1);
    return [tensor(a?.dtype ?? b?.dtype ?? null, mergeShapes(a?.shape, b?.shape))];
  },
  cost(ctx) {
    return perOutputElement(ctx, 7);
  }
};
var biasSplitGelu = {
  opType: "BiasSplitGelu",
  domain: MS,
  infer(ctx) {
    const x = ctx.input(0);
    const s = x?.shape;
    const bias = ctx.input(1)?.shape;
    let shape = null;
    if (s && s.length === 3) {
      const d = bias?.length === 1 && typeof bias[0] === "number" ? bias[0] : s[2];
      shape = [s[0], s[1], typeof d === "number" && d % 2 === 0 ? d / 2 : null];
    }
    return [tensor(x?.dtype ?? null, shape)];
  },
  cost(ctx) {
    return perOutputElement(ctx, 8);
  }
};
var ops2 = [
  unaryOp("Relu", 1),
  unaryOp("LeakyRelu", 2),
  // PRelu's slope broadcasts onto X (unidirectionally): the output is X's shape.
  unaryOp("PRelu", 2),
  unaryOp("ThresholdedRelu", 1),
  unaryOp("Elu", 4),
  unaryOp("Selu", 5),
  unaryOp("Celu", 7),
  unaryOp("Sigmoid", 4),
  unaryOp("HardSigmoid", 4),
  unaryOp("HardSwish", 5),
  unaryOp("Tanh", 1),
  unaryOp("Softplus", 3),
  unaryOp("Softsign", 3),
  unaryOp("Mish", 5),
  unaryOp("Shrink", 3),
  unaryOp("Swish", 6),
  swiglu,
  unaryOp("Gelu", geluFlops),
  unaryOp("Softmax", 5),
  {
    ...unaryOp("LogSoftmax", 5),
    cost: logSoftmaxCost
  },
  unaryOp("Hardmax", 1),
  unaryOp("Gelu", 5, { domain: MS }),
  unaryOp("FastGelu", (ctx) => ctx.has(1) ? 10 : 9, { domain: MS }),
  unaryOp("BiasGelu", 6, { domain: MS }),
  unaryOp("QuickGelu", 6, { domain: MS }),
  unaryOp("BiasSoftmax", 6, { domain: MS }),
  biasSplitGelu
];

// src/ops/reduce.ts
function axesSpec(ctx, inputFrom) {
  const fromInput = ctx.opset >= inputFrom;
  const noop = fromInput && ctx.attrs.int("noop_with_empty_axes", 0) !== 0;
  if (fromInput && ctx.has(1)) {
    const t = ctx.input(1);
    const axes = knownInts(t);
    if (axes) return { axes: [...axes], count: axes.length, noop };
    const len = t?.shape?.length === 1 && typeof t.shape[0] === "number" ? t.shape[0] : null;
    return len === 0 ? { axes: [], count: 0, noop } : { axes: null, count: len, noop };
  }
  const attr = ctx.attrs.ints("axes") ?? [];
  return { axes: [...attr], count: attr.length, noop };
}
function normAxes(axes, rank) {
  const out = /* @__PURE__ */ new Set();
  for (const a of axes) {
    const n = normAxis(a, rank);
    if (n === null) return null;
    out.add(n);
  }
  return [...out].sort((x, y) => x - y);
}
function reducedShape(shape, spec, keepdims) {
  if (shape === null) return { shape: null, axes: null };
  const rank = shape.length;
  if (spec.axes !== null && spec.axes.length === 0 && spec.noop) return { shape: [...shape], axes: null };
  if (spec.axes === null) {
    if (keepdims) return { shape: shape.map((d) => d === 1 ? 1 : null), axes: null };
    return { shape: spec.count === 1 && rank >= 1 ? new Array(rank - 1).fill(null) : null, axes: null };
  }
  const axes = spec.axes.length === 0 ? shape.map((_, i) => i) : normAxes(spec.axes, rank);
  if (axes === null) return { shape: null, axes: null };
  const out = [];
  shape.forEach((d, i) => {
    if (!axes.includes(i)) out.push(d);
    else if (keepdims) out.push(1);
  });
  return { shape: out, axes };
}
function reduceValue(x, axes, combine, empty) {
  if (!x.value || !x.dtype || !isConcrete(x.shape) || numel(x.shape) !== x.value.length) return void 0;
  const shape = x.shape;
  const outSize = numel(shape.map((d, i) => axes.includes(i) ? 1 : d));
  if (outSize > MAX_TRACKED_ELEMENTS) return void 0;
  const f = combine(x.dtype);
  const acc = new Array(outSize).fill(void 0);
  const index = new Array(shape.length).fill(0);
  for (let k = 0; k < x.value.length; k++) {
    let o = 0;
    for (let d = 0; d < shape.length; d++) o = o * (axes.includes(d) ? 1 : shape[d]) + (axes.includes(d) ? 0 : index[d]);
    const prev = acc[o];
    acc[o] = prev === void 0 ? x.value[k] : fitDtype(f(prev, x.value[k]), x.dtype);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
  return acc.map((v) => v === void 0 ? empty : v);
}
function reduceOp(opType, inputFrom, steps) {
  return {
    opType,
    infer(ctx) {
      const x = ctx.input(0);
      const keepdims = ctx.attrs.int("keepdims", 1) !== 0;
      const spec = axesSpec(ctx, inputFrom);
      const r = reducedShape(x?.shape ?? null, spec, keepdims);
      let value2;
      if (x && steps.combine) {
        const identity = spec.noop && spec.axes?.length === 0;
        if (identity && x.value && steps.pre === 0 && steps.post === 0) value2 = [...x.value];
        else if (r.axes) value2 = reduceValue(x, r.axes, steps.combine, steps.empty ?? null);
      }
      return [tensor(x?.dtype ?? null, r.shape, value2)];
    },
    cost(ctx) {
      const n = numel(ctx.input(0)?.shape ?? null);
      const out = numel(ctx.output(0)?.shape ?? null);
      if (n === null || out === null) return null;
      const spec = axesSpec(ctx, inputFrom);
      const accumulate = spec.noop && spec.axes?.length === 0 ? 0 : 1;
      return { macs: 0, flops: n * (steps.pre + accumulate) + out * steps.post, coreMacs: 0 };
    }
  };
}
function argOp(opType) {
  return {
    opType,
    infer(ctx) {
      const x = ctx.input(0);
      const keepdims = ctx.attrs.int("keepdims", 1) !== 0;
      const spec = { axes: [ctx.attrs.int("axis", 0)], count: 1, noop: false };
      return [tensor("int64", reducedShape(x?.shape ?? null, spec, keepdims).shape)];
    },
    cost(ctx) {
      const n = numel(ctx.input(0)?.shape ?? null);
      return n === null ? null : { macs: 0, flops: n, coreMacs: 0 };
    }
  };
}
var ops3 = [
  reduceOp("ReduceSum", 13, { pre: 0, post: 0, combine: addIn, empty: 0 }),
  reduceOp("ReduceMean", 18, { pre: 0, post: 1 }),
  reduceOp("ReduceMax", 18, { pre: 0, post: 0, combine: () => maxOf }),
  reduceOp("ReduceMin", 18, { pre: 0, post: 0, combine: () => minOf }),
  reduceOp("ReduceProd", 18, { pre: 0, post: 0, combine: mulIn, empty: 1 }),
  reduceOp("ReduceL1", 18, { pre: 1, post: 0 }),
  reduceOp("ReduceL2", 18, { pre: 1, post: 1 }),
  reduceOp("ReduceSumSquare", 18, { pre: 1, post: 0 }),
  reduceOp("ReduceLogSum", 18, { pre: 0, post: 1 }),
  reduceOp("ReduceLogSumExp", 18, { pre: 1, post: 1 }),
  argOp("ArgMax"),
  argOp("ArgMin")
];

// src/ops/normalization.ts
var MS2 = "com.microsoft";
function flops(n) {
  return { macs: 0, flops: n, coreMacs: 0 };
}
function sameAsInput(ctx) {
  const x = ctx.input(0);
  return tensor(x?.dtype ?? null, copyShape(x?.shape));
}
function concreteInput(ctx) {
  const s = ctx.input(0)?.shape ?? null;
  return isConcrete(s) ? s : null;
}
function bnTraining(ctx) {
  if (ctx.opset >= 14) return ctx.attrs.int("training_mode", 0) !== 0;
  return ctx.node.outputs.length > 1;
}
function bnChannels(ctx) {
  const x = ctx.input(0)?.shape;
  let c = x ? x.length > 1 ? x[1] : 1 : null;
  for (let i = 1; i <= 4; i++) {
    const s = ctx.input(i)?.shape;
    if (s?.length === 1) c = mergeDim(c, s[0]);
  }
  return c;
}
var batchNormalization = {
  opType: "BatchNormalization",
  infer(ctx) {
    const x = ctx.input(0);
    const out = [sameAsInput(ctx)];
    const spatial = ctx.opset >= 9 || ctx.attrs.int("spatial", 1) !== 0;
    const statShape = spatial ? [bnChannels(ctx)] : copyShape(ctx.input(3)?.shape ?? ctx.input(1)?.shape);
    for (let i = 1; i < ctx.node.outputs.length; i++) {
      const like = ctx.opset >= 14 ? ctx.input(i + 2)?.dtype : x?.dtype;
      out.push(tensor(like ?? x?.dtype ?? null, copyShape(statShape)));
    }
    return out;
  },
  cost(ctx) {
    const n = numel(ctx.input(0)?.shape ?? null);
    const scale = ctx.input(1)?.shape;
    const c = scale ? numel(scale) : null;
    if (n === null || c === null) return null;
    return bnTraining(ctx) ? flops(8 * n + 10 * c) : flops(4 * n + 2 * c);
  }
};
function firstNormAxis(ctx, rank) {
  return normAxis(ctx.attrs.int("axis", -1), rank);
}
function statsShape(ctx) {
  const s = ctx.input(0)?.shape;
  if (!s) return null;
  const axis = firstNormAxis(ctx, s.length);
  if (axis === null) return null;
  return s.map((d, i) => i < axis ? d : 1);
}
function rowCount(ctx) {
  const s = concreteInput(ctx);
  if (!s) return null;
  const axis = firstNormAxis(ctx, s.length);
  return axis === null ? null : numel(s.slice(0, axis));
}
function stashDtype(ctx, onnxSpec) {
  const code2 = ctx.attrs.int("stash_type");
  if (code2 !== void 0) return dtypeFromCode(code2);
  if (!onnxSpec && ctx.input(0)?.dtype === "float64") return "float64";
  return "float32";
}
function rowNormOp(opType, o) {
  return {
    opType,
    domain: o.domain,
    infer(ctx) {
      const out = [sameAsInput(ctx)];
      const onnxSpec = o.domain === void 0 && opType === "LayerNormalization" && ctx.opset >= 17;
      for (const i of o.statOutputs) {
        if (i < ctx.node.outputs.length) {
          out[i] = tensor(o.domain === MS2 ? "float32" : stashDtype(ctx, onnxSpec), o.statShapes ? statsShape(ctx) : null);
        }
      }
      if (o.sumOutput !== void 0 && o.sumOutput < ctx.node.outputs.length) out[o.sumOutput] = sameAsInput(ctx);
      return out;
    },
    cost(ctx) {
      const n = numel(ctx.input(0)?.shape ?? null);
      const rows = rowCount(ctx);
      if (n === null || rows === null) return null;
      let perElement = o.perElement;
      if (o.skip !== void 0) perElement += 1;
      if (o.bias !== void 0 && ctx.has(o.bias)) perElement += 1;
      if (o.beta !== void 0 && ctx.has(o.beta)) perElement += 1;
      return flops(perElement * n + o.perRow * rows);
    }
  };
}
var LN = { perElement: 6, perRow: 5 };
var RMS = { perElement: 4, perRow: 3 };
function groupCost(n, groups, extra = 0) {
  return n === null || groups === null ? null : flops((7 + extra) * n + 5 * groups);
}
var instanceNormalization = {
  opType: "InstanceNormalization",
  infer: (ctx) => [sameAsInput(ctx)],
  cost(ctx) {
    const s = concreteInput(ctx);
    if (!s || s.length < 2) return null;
    return groupCost(numel(s), s[0] * s[1]);
  }
};
var groupNormalization = {
  opType: "GroupNormalization",
  infer: (ctx) => [sameAsInput(ctx)],
  cost(ctx) {
    const s = concreteInput(ctx);
    const g = ctx.attrs.int("num_groups");
    if (!s || s.length < 1 || g === void 0) return null;
    return groupCost(numel(s), s[0] * g);
  }
};
function msGroupNorm(opType, skip) {
  return {
    opType,
    domain: MS2,
    infer(ctx) {
      const out = [sameAsInput(ctx)];
      if (skip && ctx.node.outputs.length > 1) out.push(sameAsInput(ctx));
      return out;
    },
    cost(ctx) {
      const s = concreteInput(ctx);
      const g = ctx.attrs.int("groups");
      if (!s || s.length < 1 || g === void 0) return null;
      let extra = ctx.attrs.int("activation", 0) === 1 ? 5 : 0;
      if (skip) extra += 1 + (ctx.has(4) ? 1 : 0);
      return groupCost(numel(s), s[0] * g, extra);
    }
  };
}
var lpNormalization = {
  opType: "LpNormalization",
  infer: (ctx) => [sameAsInput(ctx)],
  cost(ctx) {
    const s = concreteInput(ctx);
    if (!s) return null;
    const axis = normAxis(ctx.attrs.int("axis", -1), s.length);
    if (axis === null) return null;
    const n = numel(s);
    const rows = s[axis] === 0 ? 0 : n / s[axis];
    return flops(3 * n + (ctx.attrs.int("p", 2) === 2 ? rows : 0));
  }
};
var meanVarianceNormalization = {
  opType: "MeanVarianceNormalization",
  infer: (ctx) => [sameAsInput(ctx)],
  cost(ctx) {
    const s = concreteInput(ctx);
    if (!s) return null;
    const axes = ctx.attrs.ints("axes") ?? [0, 2, 3];
    let groupSize = 1;
    for (const a of new Set(axes.map((x) => normAxis(x, s.length)))) {
      if (a === null) return null;
      groupSize *= s[a];
    }
    const n = numel(s);
    return flops(5 * n + 6 * (groupSize === 0 ? 0 : n / groupSize));
  }
};
var lrn = {
  opType: "LRN",
  infer: (ctx) => [sameAsInput(ctx)],
  cost(ctx) {
    const n = numel(ctx.input(0)?.shape ?? null);
    const size = ctx.attrs.int("size");
    return n === null || size === void 0 ? null : flops((size + 4) * n);
  }
};
var ops4 = [
  batchNormalization,
  instanceNormalization,
  // ONNX 17+, and ONNX Runtime's contrib copy that used the default domain at opsets 1-16.
  rowNormOp("LayerNormalization", { ...LN, beta: 2, statOutputs: [1, 2], statShapes: true }),
  groupNormalization,
  rowNormOp("RMSNormalization", { ...RMS, statOutputs: [], statShapes: true }),
  // ONNX Runtime registers SimplifiedLayerNormalization in the default domain; some exporters use com.microsoft.
  rowNormOp("SimplifiedLayerNormalization", { ...RMS, statOutputs: [1], statShapes: true }),
  rowNormOp("SimplifiedLayerNormalization", { ...RMS, domain: MS2, statOutputs: [1], statShapes: true }),
  rowNormOp("SkipLayerNormalization", {
    ...LN,
    domain: MS2,
    skip: 1,
    beta: 3,
    bias: 4,
    statOutputs: [1, 2],
    sumOutput: 3,
    statShapes: false
  }),
  rowNormOp("SkipSimplifiedLayerNormalization", {
    ...RMS,
    domain: MS2,
    skip: 1,
    bias: 3,
    statOutputs: [1, 2],
    sumOutput: 3,
    statShapes: false
  }),
  msGroupNorm("GroupNorm", false),
  msGroupNorm("SkipGroupNorm", true),
  lpNormalization,
  meanVarianceNormalization,
  lrn
];

// src/ops/rnn.ts
var ACTIVATION_FLOPS = {
  relu: 1,
  tanh: 1,
  sigmoid: 4,
  affine: 2,
  leakyrelu: 2,
  thresholdedrelu: 1,
  scaledtanh: 3,
  hardsigmoid: 4,
  elu: 4,
  softsign: 3,
  softplus: 3,
  gelu: 5,
  clip: 2,
  hardswish: 5
};
function activationFlops(name) {
  return ACTIVATION_FLOPS[name.toLowerCase()] ?? 1;
}
var KINDS = [
  {
    opType: "RNN",
    gates: 1,
    defaults: ["Tanh"],
    stepFlops: (h, [f], o) => h + (o.bias ? 2 * h : 0) + h * f + (o.clip ? h : 0)
  },
  {
    opType: "GRU",
    gates: 3,
    defaults: ["Sigmoid", "Tanh"],
    stepFlops: (h, [f, g], o) => 3 * h + (o.bias ? 6 * h : 0) + h + 2 * h * f + h * g + 4 * h + (o.clip ? 3 * h : 0)
  },
  {
    opType: "LSTM",
    gates: 4,
    defaults: ["Sigmoid", "Tanh", "Tanh"],
    stepFlops: (h, [f, g, hh], o) => 4 * h + (o.bias ? 8 * h : 0) + (o.peephole ? 6 * h : 0) + 3 * h * f + h * g + h * hh + 3 * h + h + (o.clip ? 5 * h : 0)
  }
];
function numDirections(attrs) {
  const d = attrs.string("direction", "forward");
  if (d === "forward" || d === "reverse") return 1;
  if (d === "bidirectional") return 2;
  return null;
}
function rnnDims(ctx, kind2) {
  const layout = ctx.attrs.int("layout", 0);
  const x = ctx.input(0)?.shape ?? null;
  const xs = x && x.length === 3 ? x : null;
  let hidden = ctx.attrs.int("hidden_size") ?? null;
  if (hidden === null) {
    const r = ctx.input(2)?.shape;
    const w = ctx.input(1)?.shape;
    if (r && r.length === 3 && typeof r[2] === "number") hidden = r[2];
    else if (r && r.length === 3 && typeof r[1] === "number") hidden = r[1] / kind2.gates;
    else if (w && w.length === 3 && typeof w[1] === "number") hidden = w[1] / kind2.gates;
  }
  let input = xs ? xs[2] : null;
  if (input === null) {
    const w = ctx.input(1)?.shape;
    if (w && w.length === 3) input = w[2];
  }
  return {
    seq: xs ? xs[layout === 0 ? 0 : 1] : null,
    batch: xs ? xs[layout === 0 ? 1 : 0] : null,
    input,
    hidden,
    dirs: numDirections(ctx.attrs),
    layout
  };
}
function rnnDef(kind2) {
  return {
    opType: kind2.opType,
    infer: (ctx) => {
      const dt = ctx.input(0)?.dtype ?? null;
      const d = rnnDims(ctx, kind2);
      const y = d.layout === 0 ? [d.seq, d.dirs, d.batch, d.hidden] : [d.batch, d.seq, d.dirs, d.hidden];
      const state = d.layout === 0 ? [d.dirs, d.batch, d.hidden] : [d.batch, d.dirs, d.hidden];
      const outs = [tensor(dt, y), tensor(dt, state)];
      if (kind2.opType === "LSTM") outs.push(tensor(dt, [...state]));
      return outs;
    },
    cost: (ctx) => rnnCost(ctx, kind2)
  };
}
function directionActivations(attrs, kind2, dir) {
  const names = attrs.strings("activations");
  const k = kind2.defaults.length;
  const mine = names && names.length >= (dir + 1) * k ? names.slice(dir * k, (dir + 1) * k) : kind2.defaults;
  return mine.map(activationFlops);
}
function rnnCost(ctx, kind2) {
  const d = rnnDims(ctx, kind2);
  if ([d.seq, d.batch, d.input, d.hidden, d.dirs].some((v) => typeof v !== "number")) return null;
  const [t, b, i, h, dirs] = [d.seq, d.batch, d.input, d.hidden, d.dirs];
  const opts = {
    bias: ctx.has(3),
    peephole: kind2.opType === "LSTM" && ctx.has(7),
    clip: ctx.attrs.has("clip")
  };
  const macsPerStep = kind2.gates * h * (i + h);
  let macs = 0;
  let extra = 0;
  for (let dir = 0; dir < dirs; dir++) {
    macs += t * b * macsPerStep;
    extra += t * b * kind2.stepFlops(h, directionActivations(ctx.attrs, kind2, dir), opts);
  }
  return macCost(macs, extra);
}
var ops5 = KINDS.map(rnnDef);

// src/ops/conv.ts
var MS3 = "com.microsoft";
var REQUANTIZE_FLOPS = 4;
var BILINEAR_FLOPS = 7;
function readWindow(attrs, n, kernel, useDilation = true) {
  if (kernel.length !== n) return null;
  const strides = attrs.ints("strides") ?? new Array(n).fill(1);
  const dilations = (useDilation ? attrs.ints("dilations") : void 0) ?? new Array(n).fill(1);
  const pads = attrs.ints("pads") ?? null;
  if (strides.length !== n || dilations.length !== n) return null;
  if (pads !== null && pads.length !== 2 * n) return null;
  if (strides.some((s) => s <= 0) || dilations.some((d) => d <= 0) || kernel.some((k) => k <= 0)) return null;
  return { kernel, strides, dilations, pads, autoPad: attrs.string("auto_pad", "NOTSET"), ceil: attrs.int("ceil_mode", 0) !== 0 };
}
function effKernel(w, i) {
  return (w.kernel[i] - 1) * w.dilations[i] + 1;
}
function axisPads(w, i, input) {
  if (w.autoPad === "VALID") return [0, 0];
  if (w.autoPad === "SAME_UPPER" || w.autoPad === "SAME_LOWER") {
    const stride = w.strides[i];
    const residual = input % stride;
    const total = Math.max(0, residual === 0 ? effKernel(w, i) - stride : effKernel(w, i) - residual);
    const small = total >> 1;
    const big = total - small;
    return w.autoPad === "SAME_UPPER" ? [small, big] : [big, small];
  }
  if (w.pads) return [w.pads[i], w.pads[i + w.kernel.length]];
  return [0, 0];
}
function axisOut(w, i, input) {
  if (typeof input !== "number") {
    if (typeof input === "string" && w.strides[i] === 1 && !w.ceil) {
      if (w.autoPad === "SAME_UPPER" || w.autoPad === "SAME_LOWER") return input;
      if (w.autoPad !== "VALID" && w.pads && w.pads[i] + w.pads[i + w.kernel.length] === effKernel(w, i) - 1) return input;
      if (w.autoPad !== "VALID" && !w.pads && effKernel(w, i) === 1) return input;
    }
    return null;
  }
  const [pb, pe] = axisPads(w, i, input);
  const stride = w.strides[i];
  let numerator = input + pb + pe - effKernel(w, i);
  if (w.ceil) numerator += stride - 1;
  let out = Math.floor(numerator / stride) + 1;
  if (w.ceil && (out - 1) * stride >= input + pb) out -= 1;
  return out >= 0 ? out : null;
}
function windowOutput(w, spatial) {
  return spatial.map((d, i) => axisOut(w, i, d));
}
function kernelVolume(kernel) {
  return kernel.reduce((a, b) => a * b, 1);
}
function toChannelsFirst(shape) {
  if (!shape || shape.length < 2) return shape;
  return [shape[0], shape[shape.length - 1], ...shape.slice(1, -1)];
}
function toChannelsLast(shape) {
  if (!shape || shape.length < 2) return shape;
  return [shape[0], ...shape.slice(2), shape[1]];
}
function convKernel(attrs, ws) {
  const k = attrs.ints("kernel_shape");
  if (k) return k;
  if (!ws || ws.length < 3) return null;
  const dims2 = ws.slice(2);
  return dims2.every((d) => typeof d === "number") ? dims2 : null;
}
function spatialRank(x, w, attrs) {
  if (x) return x.length - 2;
  if (w) return w.length - 2;
  return attrs.ints("kernel_shape")?.length ?? null;
}
function convShapeNCHW(x, w, attrs) {
  const n = spatialRank(x, w, attrs);
  if (n === null || n < 1) return null;
  const batch = x ? x[0] : null;
  const cout = w ? w[0] : null;
  const kernel = convKernel(attrs, w);
  const win = kernel ? readWindow(attrs, n, kernel) : null;
  const spatial = x && win ? windowOutput(win, x.slice(2)) : new Array(n).fill(null);
  return [batch, cout, ...spatial];
}
function convOutShape(ctx, lay) {
  const last = lay.channelsLast?.(ctx.attrs) ?? false;
  const xs = ctx.input(lay.x)?.shape ?? null;
  const nchw = convShapeNCHW(last ? toChannelsFirst(xs) : xs, ctx.input(lay.w)?.shape ?? null, ctx.attrs);
  return last ? toChannelsLast(nchw) : nchw;
}
function convMacs(ctx, lay) {
  const y = numel(ctx.output(0)?.shape ?? null);
  const w = ctx.input(lay.w)?.shape;
  const kernel = convKernel(ctx.attrs, ctx.input(lay.w)?.shape);
  let cinPerGroup = w && w.length >= 2 ? w[1] : null;
  if (typeof cinPerGroup !== "number") {
    const last = lay.channelsLast?.(ctx.attrs) ?? false;
    const xs = ctx.input(lay.x)?.shape ?? null;
    const c = (last ? toChannelsFirst(xs) : xs)?.[1];
    const group = ctx.attrs.int("group", 1);
    cinPerGroup = typeof c === "number" && group > 0 ? c / group : null;
  }
  if (y === null || kernel === null || typeof cinPerGroup !== "number") return null;
  return y * cinPerGroup * kernelVolume(kernel);
}
function biasFlops(ctx, index) {
  if (index < 0 || !ctx.has(index)) return 0;
  return numel(ctx.output(0)?.shape ?? null) ?? 0;
}
function convDef(opType, domain, lay, extraFlops) {
  return {
    opType,
    domain,
    infer: (ctx) => [tensor(ctx.input(lay.x)?.dtype ?? null, convOutShape(ctx, lay))],
    cost: (ctx) => {
      const macs = convMacs(ctx, lay);
      if (macs === null) return null;
      const y = numel(ctx.output(0)?.shape ?? null) ?? 0;
      return coreCost(macs, biasFlops(ctx, lay.bias) + (extraFlops ? extraFlops(ctx, y) : 0));
    }
  };
}
function fusedExtra(ctx, y) {
  const act = ctx.attrs.string("activation");
  return (ctx.has(3) ? y : 0) + (act ? y * activationFlops(act) : 0);
}
function convTransposeSpatial(attrs, spatial, kernel) {
  const n = spatial.length;
  const outShape = attrs.ints("output_shape");
  if (outShape) {
    if (outShape.length === n) return outShape;
    if (outShape.length === n + 2) return outShape.slice(2);
    return new Array(n).fill(null);
  }
  if (!kernel || kernel.length !== n) return new Array(n).fill(null);
  const strides = attrs.ints("strides") ?? new Array(n).fill(1);
  const dilations = attrs.ints("dilations") ?? new Array(n).fill(1);
  const outPad = attrs.ints("output_padding") ?? new Array(n).fill(0);
  const autoPad = attrs.string("auto_pad", "NOTSET");
  const pads = attrs.ints("pads");
  if (strides.length !== n || dilations.length !== n || outPad.length !== n) return new Array(n).fill(null);
  return spatial.map((d, i) => {
    if (typeof d !== "number") return null;
    if (autoPad === "SAME_UPPER" || autoPad === "SAME_LOWER") return d * strides[i];
    const eff = (kernel[i] - 1) * dilations[i] + 1;
    const total = autoPad !== "VALID" && pads && pads.length === 2 * n ? pads[i] + pads[i + n] : 0;
    const out = strides[i] * (d - 1) + outPad[i] + eff - total;
    return out >= 0 ? out : null;
  });
}
var convTranspose = {
  opType: "ConvTranspose",
  infer: (ctx) => {
    const x = ctx.input(0);
    const w = ctx.input(1);
    const n = spatialRank(x?.shape ?? null, w?.shape ?? null, ctx.attrs);
    if (n === null || n < 1) return [tensor(x?.dtype ?? null, null)];
    const group = ctx.attrs.int("group", 1);
    const cout = mulDims(w?.shape ? w.shape[1] : null, group);
    const spatialIn = x?.shape ? x.shape.slice(2) : new Array(n).fill(null);
    const spatial = convTransposeSpatial(ctx.attrs, spatialIn, convKernel(ctx.attrs, w?.shape));
    return [tensor(x?.dtype ?? null, [x?.shape ? x.shape[0] : null, cout, ...spatial])];
  },
  cost: (ctx) => {
    const xElems = numel(ctx.input(0)?.shape ?? null);
    const coutPerGroup = ctx.input(1)?.shape?.[1];
    const kernel = convKernel(ctx.attrs, ctx.input(1)?.shape);
    if (xElems === null || typeof coutPerGroup !== "number" || kernel === null) return null;
    return coreCost(xElems * coutPerGroup * kernelVolume(kernel), biasFlops(ctx, 2));
  }
};
var convInteger = {
  opType: "ConvInteger",
  infer: (ctx) => [tensor("int32", convOutShape(ctx, { x: 0, w: 1, bias: -1 }))],
  cost: (ctx) => {
    const macs = convMacs(ctx, { x: 0, w: 1, bias: -1 });
    if (macs === null) return null;
    return coreCost(macs, zeroPointFlops(ctx, 0, 2) + zeroPointFlops(ctx, 1, 3));
  }
};
function zeroPointFlops(ctx, input, zeroPoint) {
  if (!ctx.has(zeroPoint)) return 0;
  return numel(ctx.input(input)?.shape ?? null) ?? 0;
}
function qlinearConvDef(domain) {
  const lay = {
    x: 0,
    w: 3,
    bias: 8,
    channelsLast: domain === MS3 ? (a) => a.int("channels_last", 0) !== 0 : void 0
  };
  return {
    opType: "QLinearConv",
    domain,
    infer: (ctx) => [tensor(ctx.input(7)?.dtype ?? null, convOutShape(ctx, lay))],
    cost: (ctx) => {
      const macs = convMacs(ctx, lay);
      if (macs === null) return null;
      const y = numel(ctx.output(0)?.shape ?? null) ?? 0;
      const x = numel(ctx.input(0)?.shape ?? null) ?? 0;
      const w = numel(ctx.input(3)?.shape ?? null) ?? 0;
      return coreCost(macs, x + w + biasFlops(ctx, 8) + REQUANTIZE_FLOPS * y);
    }
  };
}
var deformConv = {
  opType: "DeformConv",
  infer: (ctx) => {
    const x = ctx.input(0);
    let shape = convShapeNCHW(x?.shape ?? null, ctx.input(1)?.shape ?? null, ctx.attrs);
    const off = ctx.input(2)?.shape;
    if (shape && off && off.length === shape.length) {
      shape = shape.map((d, i) => i >= 2 && d === null ? off[i] : d);
    }
    return [tensor(x?.dtype ?? null, shape)];
  },
  cost: (ctx) => {
    const lay = { x: 0, w: 1, bias: 3 };
    const macs = convMacs(ctx, lay);
    const x = ctx.input(0)?.shape;
    const y = ctx.output(0)?.shape ?? null;
    const kernel = convKernel(ctx.attrs, ctx.input(1)?.shape);
    if (macs === null || !x || !y || !kernel) return null;
    const samples = product([x[0], x[1], ...y.slice(2)]);
    if (typeof samples !== "number") return null;
    const perSample = BILINEAR_FLOPS + (ctx.has(4) ? 1 : 0);
    return coreCost(macs, biasFlops(ctx, 3) + samples * kernelVolume(kernel) * perSample);
  }
};
var col2Im = {
  opType: "Col2Im",
  infer: (ctx) => {
    const x = ctx.input(0);
    const image = knownInts(ctx.input(1));
    const block = knownInts(ctx.input(2));
    const n = image?.length ?? block?.length ?? ctx.input(1)?.shape?.[0] ?? ctx.input(2)?.shape?.[0];
    if (typeof n !== "number") return [tensor(x?.dtype ?? null, null)];
    const xs = x?.shape && x.shape.length === 3 ? x.shape : null;
    const blockVol = block ? kernelVolume(block) : null;
    const c = xs && typeof xs[1] === "number" && blockVol ? xs[1] / blockVol : null;
    const spatial = image ? image : new Array(n).fill(null);
    return [tensor(x?.dtype ?? null, [xs ? xs[0] : null, c, ...spatial])];
  },
  cost: (ctx) => {
    const x = numel(ctx.input(0)?.shape ?? null);
    return x === null ? null : { macs: 0, flops: x, coreMacs: 0 };
  }
};
var nhwc = () => true;
var ops6 = [
  convDef("Conv", "", { x: 0, w: 1, bias: 2 }),
  convTranspose,
  convInteger,
  qlinearConvDef(""),
  qlinearConvDef(MS3),
  deformConv,
  col2Im,
  convDef("FusedConv", MS3, { x: 0, w: 1, bias: 2 }, fusedExtra),
  convDef("NhwcConv", MS3, { x: 0, w: 1, bias: 2, channelsLast: nhwc }),
  convDef("NhwcFusedConv", MS3, { x: 0, w: 1, bias: 2, channelsLast: nhwc }, fusedExtra)
];

// src/ops/pool.ts
var MS4 = "com.microsoft";
function poolFlopsPerOutput(kind2, k) {
  if (kind2 === "max") return k;
  if (kind2 === "avg") return k + 1;
  return 3 * k + 1;
}
function poolShape(attrs, x, useDilation) {
  const kernel = attrs.ints("kernel_shape");
  if (!x) return kernel ? [null, null, ...kernel.map(() => null)] : null;
  if (x.length < 3) return null;
  const n = x.length - 2;
  const win = kernel ? readWindow(attrs, n, kernel, useDilation) : null;
  const spatial = win ? windowOutput(win, x.slice(2)) : new Array(n).fill(null);
  return [x[0], x[1], ...spatial];
}
function windowPoolCost(ctx, kind2) {
  const y = numel(ctx.output(0)?.shape ?? null);
  const kernel = ctx.attrs.ints("kernel_shape");
  if (y === null || !kernel) return null;
  return { macs: 0, flops: y * poolFlopsPerOutput(kind2, kernelVolume(kernel)), coreMacs: 0 };
}
function windowPoolDef(opType, kind2) {
  return {
    opType,
    infer: (ctx) => {
      const x = ctx.input(0);
      const shape = poolShape(ctx.attrs, x?.shape ?? null, true);
      const outs = [tensor(x?.dtype ?? null, shape)];
      if (opType === "MaxPool" && ctx.node.outputs.length > 1) outs.push(tensor("int64", shape ? [...shape] : null));
      return outs;
    },
    cost: (ctx) => windowPoolCost(ctx, kind2)
  };
}
function globalPoolDef(opType, kind2) {
  return {
    opType,
    infer: (ctx) => {
      const x = ctx.input(0);
      const s = x?.shape;
      const shape = s && s.length >= 2 ? [s[0], s[1], ...s.slice(2).map(() => 1)] : null;
      return [tensor(x?.dtype ?? null, shape)];
    },
    cost: (ctx) => globalPoolCost(ctx, kind2, false)
  };
}
function globalPoolCost(ctx, kind2, channelsLast2) {
  const xs = ctx.input(0)?.shape ?? null;
  const s = channelsLast2 ? toChannelsFirst(xs) : xs;
  if (!s || s.length < 2) return null;
  const nc = product([s[0], s[1]]);
  const k = numel(s.slice(2));
  if (typeof nc !== "number" || k === null) return null;
  return { macs: 0, flops: nc * poolFlopsPerOutput(kind2, k), coreMacs: 0 };
}
var maxRoiPool = {
  opType: "MaxRoiPool",
  infer: (ctx) => {
    const x = ctx.input(0);
    const pooled = ctx.attrs.ints("pooled_shape");
    const xs = x?.shape && x.shape.length === 4 ? x.shape : null;
    const rois = ctx.input(1)?.shape;
    const shape = pooled && pooled.length === 2 ? [rois?.[0] ?? null, xs ? xs[1] : null, pooled[0], pooled[1]] : null;
    return [tensor(x?.dtype ?? null, shape)];
  },
  cost: (ctx) => {
    const xs = ctx.input(0)?.shape;
    const rois = ctx.input(1)?.shape?.[0];
    if (!xs || xs.length !== 4 || typeof rois !== "number") return null;
    const chw = numel(xs.slice(1));
    return chw === null ? null : { macs: 0, flops: rois * chw, coreMacs: 0 };
  }
};
var roiAlign = {
  opType: "RoiAlign",
  infer: (ctx) => {
    const x = ctx.input(0);
    const xs = x?.shape && x.shape.length === 4 ? x.shape : null;
    const n = ctx.input(1)?.shape?.[0] ?? ctx.input(2)?.shape?.[0] ?? null;
    const shape = [n, xs ? xs[1] : null, ctx.attrs.int("output_height", 1), ctx.attrs.int("output_width", 1)];
    return [tensor(x?.dtype ?? null, shape)];
  },
  cost: (ctx) => {
    const y = numel(ctx.output(0)?.shape ?? null);
    if (y === null) return null;
    const ratio = ctx.attrs.int("sampling_ratio", 0);
    const s = ratio > 0 ? ratio : 2;
    const avg = ctx.attrs.string("mode", "avg") === "avg";
    return { macs: 0, flops: y * (s * s * (BILINEAR_FLOPS + 1) + (avg ? 1 : 0)), coreMacs: 0 };
  }
};
function maxUnpoolShape(ctx) {
  if (ctx.has(2)) {
    const v = knownInts(ctx.input(2));
    if (v) return v;
    const len = ctx.input(2)?.shape?.[0];
    return typeof len === "number" ? new Array(len).fill(null) : null;
  }
  const x = ctx.input(0)?.shape;
  const kernel = ctx.attrs.ints("kernel_shape");
  if (!x || x.length < 3 || !kernel || kernel.length !== x.length - 2) return null;
  const n = kernel.length;
  const strides = ctx.attrs.ints("strides") ?? new Array(n).fill(1);
  const pads = ctx.attrs.ints("pads") ?? new Array(2 * n).fill(0);
  if (strides.length !== n || pads.length !== 2 * n) return null;
  const channels = ctx.input(1)?.shape?.[1] ?? x[1];
  const spatial = x.slice(2).map(
    (d, i) => typeof d === "number" ? strides[i] * (d - 1) + kernel[i] - pads[i] - pads[i + n] : null
  );
  return [x[0], channels, ...spatial];
}
var maxUnpool = {
  opType: "MaxUnpool",
  infer: (ctx) => [tensor(ctx.input(0)?.dtype ?? null, maxUnpoolShape(ctx))],
  cost: (ctx) => ctx.output(0)?.shape ? { macs: 0, flops: 0, coreMacs: 0 } : null
};
var nhwcMaxPool = {
  opType: "NhwcMaxPool",
  domain: MS4,
  infer: (ctx) => {
    const x = ctx.input(0);
    const nchw = poolShape(ctx.attrs, toChannelsFirst(x?.shape ?? null), true);
    return [tensor(x?.dtype ?? null, toChannelsLast(nchw))];
  },
  cost: (ctx) => windowPoolCost(ctx, "max")
};
var ops7 = [
  windowPoolDef("MaxPool", "max"),
  windowPoolDef("AveragePool", "avg"),
  windowPoolDef("LpPool", "lp"),
  globalPoolDef("GlobalMaxPool", "max"),
  globalPoolDef("GlobalAveragePool", "avg"),
  globalPoolDef("GlobalLpPool", "lp"),
  maxRoiPool,
  roiAlign,
  maxUnpool,
  nhwcMaxPool
];

// src/ops/matmul.ts
var MS5 = "com.microsoft";
function matmulShape(a, b) {
  if (!a || !b || a.length === 0 || b.length === 0) {
    return { shape: null, k: a && a.length > 0 ? a[a.length - 1] : b && b.length >= 2 ? b[b.length - 2] : null };
  }
  const l = a.length === 1 ? [1, a[0]] : a;
  const r = b.length === 1 ? [b[0], 1] : b;
  const k = mergeDim(l[l.length - 1], r[r.length - 2]);
  const batch = broadcast(l.slice(0, -2), r.slice(0, -2));
  if (!batch) return { shape: null, k };
  const shape = [...batch];
  if (a.length !== 1) shape.push(l[l.length - 2]);
  if (b.length !== 1) shape.push(r[r.length - 1]);
  return { shape, k };
}
function matmulMacs(y, k) {
  const n = numel(y);
  return n === null || typeof k !== "number" ? null : n * k;
}
function elems(ctx, i) {
  return numel(ctx.input(i)?.shape ?? null) ?? 0;
}
function outElems(ctx) {
  return numel(ctx.output(0)?.shape ?? null) ?? 0;
}
function matmulLike(opType, domain, a, b, dtype, extra = () => 0) {
  return {
    opType,
    domain,
    infer: (ctx) => [tensor(dtype(ctx), matmulShape(ctx.input(a)?.shape ?? null, ctx.input(b)?.shape ?? null).shape)],
    cost: (ctx) => {
      const { k } = matmulShape(ctx.input(a)?.shape ?? null, ctx.input(b)?.shape ?? null);
      const macs = matmulMacs(ctx.output(0)?.shape ?? null, k);
      return macs === null ? null : coreCost(macs, extra(ctx));
    }
  };
}
var zp = (ctx, input, zeroPoint) => ctx.has(zeroPoint) ? elems(ctx, input) : 0;
function gemmDims(ctx, a, b) {
  const as = ctx.input(a)?.shape;
  const bs = ctx.input(b)?.shape;
  const transA = ctx.attrs.int("transA", 0) !== 0;
  const transB = ctx.attrs.int("transB", 0) !== 0;
  if (as && as.length !== 2 || bs && bs.length !== 2) return null;
  const m = as ? as[transA ? 1 : 0] : null;
  const ka = as ? as[transA ? 0 : 1] : null;
  const kb = bs ? bs[transB ? 1 : 0] : null;
  const n = bs ? bs[transB ? 0 : 1] : null;
  return { m, n, k: mergeDim(ka, kb) };
}
function gemmExtra(ctx, mn, cIndex) {
  const hasC = ctx.has(cIndex);
  const alpha = ctx.attrs.float("alpha", 1);
  const beta = ctx.attrs.float("beta", 1);
  return (hasC ? mn : 0) + (alpha !== 1 ? mn : 0) + (hasC && beta !== 1 ? mn : 0);
}
function gemmDef(opType, domain, extra = () => 0) {
  return {
    opType,
    domain,
    infer: (ctx) => {
      const d = gemmDims(ctx, 0, 1);
      return [tensor(ctx.input(0)?.dtype ?? null, d ? [d.m, d.n] : null)];
    },
    cost: (ctx) => {
      const d = gemmDims(ctx, 0, 1);
      if (!d || typeof d.m !== "number" || typeof d.n !== "number" || typeof d.k !== "number") return null;
      const mn = d.m * d.n;
      return coreCost(mn * d.k, gemmExtra(ctx, mn, 2) + extra(ctx, mn));
    }
  };
}
var fusedGemmActivation = (ctx, mn) => {
  const act = ctx.attrs.string("activation");
  return act ? mn * activationFlops(act) : 0;
};
var qgemm = {
  opType: "QGemm",
  domain: MS5,
  infer: (ctx) => {
    const d = gemmDims(ctx, 0, 3);
    const dtype = ctx.has(8) ? ctx.input(8)?.dtype ?? null : "float32";
    return [tensor(dtype, d ? [d.m, d.n] : null)];
  },
  cost: (ctx) => {
    const d = gemmDims(ctx, 0, 3);
    if (!d || typeof d.m !== "number" || typeof d.n !== "number" || typeof d.k !== "number") return null;
    const mn = d.m * d.n;
    const out = ctx.has(7) ? REQUANTIZE_FLOPS * mn : mn;
    return coreCost(mn * d.k, elems(ctx, 0) + elems(ctx, 3) + (ctx.has(6) ? mn : 0) + out);
  }
};
function fusedOperand(s, trans, transBatch) {
  if (!s || s.length < 2) return s;
  const r = s.length;
  const batch = transBatch ? s.slice(1, r - 1) : s.slice(0, r - 2);
  const rows = transBatch ? s[0] : s[r - 2];
  const cols = s[r - 1];
  return trans ? [...batch, cols, rows] : [...batch, rows, cols];
}
function fusedMatMulShape(ctx) {
  const a = fusedOperand(ctx.input(0)?.shape ?? null, ctx.attrs.int("transA", 0) !== 0, ctx.attrs.int("transBatchA", 0) !== 0);
  const b = fusedOperand(ctx.input(1)?.shape ?? null, ctx.attrs.int("transB", 0) !== 0, ctx.attrs.int("transBatchB", 0) !== 0);
  return matmulShape(a, b);
}
function fusedMatMulDef(opType) {
  return {
    opType,
    domain: MS5,
    infer: (ctx) => [tensor(ctx.input(0)?.dtype ?? null, fusedMatMulShape(ctx).shape)],
    cost: (ctx) => {
      const macs = matmulMacs(ctx.output(0)?.shape ?? null, fusedMatMulShape(ctx).k);
      if (macs === null) return null;
      return coreCost(macs, ctx.attrs.float("alpha", 1) !== 1 ? outElems(ctx) : 0);
    }
  };
}
function packedWeightMatMul(opType, dequantPerWeight, biasInput) {
  const shape = (ctx) => {
    const a = ctx.input(0)?.shape;
    const n = ctx.attrs.int("N");
    if (!a || a.length < 1 || n === void 0) return null;
    return [...a.slice(0, -1), n];
  };
  return {
    opType,
    domain: MS5,
    infer: (ctx) => [tensor(ctx.input(0)?.dtype ?? null, shape(ctx))],
    cost: (ctx) => {
      const y = numel(ctx.output(0)?.shape ?? null);
      const k = ctx.attrs.int("K");
      const n = ctx.attrs.int("N");
      if (y === null || k === void 0 || n === void 0) return null;
      const bias = biasInput >= 0 && ctx.has(biasInput) ? y : 0;
      return coreCost(y * k, dequantPerWeight * n * k + bias);
    }
  };
}
function parseTerm(term) {
  const labels = [];
  let ellipsis = false;
  const t = term.trim();
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === ".") {
      if (ellipsis || t.slice(i, i + 3) !== "...") return null;
      ellipsis = true;
      labels.push(".");
      i += 2;
    } else if (/[A-Za-z]/.test(c)) labels.push(c);
    else if (c !== " ") return null;
  }
  return { labels, ellipsis };
}
function einsumPlan(equation, shapes) {
  const [lhs, rhs] = equation.split("->");
  const terms = lhs.split(",").map(parseTerm);
  if (terms.length !== shapes.length || terms.some((t) => t === null)) return null;
  const sizes = /* @__PURE__ */ new Map();
  const counts = /* @__PURE__ */ new Map();
  let ellipsisDims = [];
  for (let op = 0; op < terms.length; op++) {
    const term = terms[op];
    const shape = shapes[op];
    if (!shape) return null;
    const named = term.labels.filter((l) => l !== ".").length;
    const ellRank = shape.length - named;
    if (ellRank < 0 || !term.ellipsis && ellRank !== 0) return null;
    let axis = 0;
    for (const label of term.labels) {
      if (label === ".") {
        ellipsisDims = broadcastRightAligned(ellipsisDims, shape.slice(axis, axis + ellRank));
        axis += ellRank;
        continue;
      }
      const d = shape[axis++];
      sizes.set(label, sizes.has(label) ? mergeLabel(sizes.get(label) ?? null, d) : d);
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
  }
  let outLabels;
  if (rhs !== void 0) {
    const out = parseTerm(rhs);
    if (!out || out.labels.some((l) => l !== "." && !sizes.has(l))) return null;
    outLabels = out.labels;
  } else {
    const once = [...counts.entries()].filter(([, n]) => n === 1).map(([l]) => l).sort();
    outLabels = [".", ...once];
  }
  const outShape = [];
  for (const l of outLabels) {
    if (l === ".") outShape.push(...ellipsisDims);
    else outShape.push(sizes.get(l) ?? null);
  }
  const summed = [...sizes.keys()].filter((l) => !outLabels.includes(l));
  return { sizes, ellipsisDims, outShape, summed };
}
function mergeLabel(a, b) {
  if (a === 1) return b;
  if (b === 1) return a;
  return mergeDim(a, b);
}
function broadcastRightAligned(a, b) {
  const rank = Math.max(a.length, b.length);
  const out = [];
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
    const db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
    out.push(broadcastDim(da, db));
  }
  return out;
}
var einsum = {
  opType: "Einsum",
  infer: (ctx) => {
    const eq = ctx.attrs.string("equation");
    const dtype = ctx.input(0)?.dtype ?? null;
    if (!eq) return [tensor(dtype, null)];
    const shapes = ctx.node.inputs.map((_, i) => ctx.input(i)?.shape ?? null);
    const plan = einsumPlan(eq, shapes);
    return [tensor(dtype, plan ? plan.outShape : null)];
  },
  cost: (ctx) => einsumCost(ctx)
};
function einsumCost(ctx) {
  const eq = ctx.attrs.string("equation");
  if (!eq) return null;
  const shapes = ctx.node.inputs.map((_, i) => ctx.input(i)?.shape ?? null);
  const plan = einsumPlan(eq, shapes);
  if (!plan) return null;
  let space = numel(plan.ellipsisDims);
  for (const d of plan.sizes.values()) space = space === null || typeof d !== "number" ? null : space * d;
  if (space === null) return null;
  const operands = shapes.length;
  if (operands >= 2 && plan.summed.length > 0) return coreCost(space);
  if (operands >= 2) return { macs: 0, flops: (operands - 1) * space, coreMacs: 0 };
  return { macs: 0, flops: plan.summed.length > 0 ? space : 0, coreMacs: 0 };
}
var FAST_GELU_FLOPS = 9;
var DYNAMIC_QUANTIZE_PER_ELEMENT = 6;
var DYNAMIC_QUANTIZE_SCALAR = 8;
var ops8 = [
  matmulLike("MatMul", "", 0, 1, (ctx) => ctx.input(0)?.dtype ?? null),
  gemmDef("Gemm", ""),
  matmulLike("MatMulInteger", "", 0, 1, () => "int32", (ctx) => zp(ctx, 0, 2) + zp(ctx, 1, 3)),
  matmulLike(
    "QLinearMatMul",
    "",
    0,
    3,
    (ctx) => ctx.input(7)?.dtype ?? null,
    (ctx) => elems(ctx, 0) + elems(ctx, 3) + REQUANTIZE_FLOPS * outElems(ctx)
  ),
  einsum,
  packedWeightMatMul("MatMulNBits", 2, 5),
  packedWeightMatMul("MatMulBnb4", 1, -1),
  fusedMatMulDef("FusedMatMul"),
  fusedMatMulDef("TransposeMatMul"),
  gemmDef("FusedGemm", MS5, fusedGemmActivation),
  matmulLike(
    "GemmFastGelu",
    MS5,
    0,
    1,
    (ctx) => ctx.input(0)?.dtype ?? null,
    (ctx) => (ctx.has(2) ? outElems(ctx) : 0) + FAST_GELU_FLOPS * outElems(ctx)
  ),
  matmulLike(
    "MatMulIntegerToFloat",
    MS5,
    0,
    1,
    (ctx) => ctx.input(2)?.dtype ?? "float32",
    (ctx) => zp(ctx, 0, 4) + zp(ctx, 1, 5) + outElems(ctx) + (ctx.has(6) ? outElems(ctx) : 0)
  ),
  matmulLike(
    "DynamicQuantizeMatMul",
    MS5,
    0,
    1,
    (ctx) => ctx.input(0)?.dtype ?? "float32",
    (ctx) => (DYNAMIC_QUANTIZE_PER_ELEMENT + 1) * elems(ctx, 0) + DYNAMIC_QUANTIZE_SCALAR + zp(ctx, 1, 3) + outElems(ctx) + (ctx.has(4) ? outElems(ctx) : 0)
  ),
  matmulLike("MatMulInteger16", MS5, 0, 1, () => "int32"),
  qgemm
];

// src/ops/attention.ts
var MS6 = "com.microsoft";
var SOFTMAX_FLOPS = 5;
var SOFTCAP_FLOPS = 3;
var ROTARY_FLOPS = 3;
function divDim(d, k) {
  if (typeof d !== "number" || k <= 0 || d % k !== 0) return null;
  return d / k;
}
function scalarValue(ctx, i) {
  const v = knownInts(ctx.input(i));
  return v && v.length === 1 ? v[0] : null;
}
function coreAttention(c, perScore) {
  const scores = c.b * c.n * c.s * c.t;
  return coreCost(scores * (c.h + c.hv), scores * (SOFTMAX_FLOPS + perScore));
}
function plus(a, macs, flops3) {
  return { macs: a.macs + macs, flops: a.flops + 2 * macs + flops3, coreMacs: a.coreMacs + macs };
}
function core(b, n, s, t, h, hv) {
  const v = [b, n, s, t, h, hv];
  if (!v.every((d) => typeof d === "number")) return null;
  return { b: v[0], n: v[1], s: v[2], t: v[3], h: v[4], hv: v[5] };
}
function projected(ctx, pastIndex) {
  const x = ctx.input(0)?.shape;
  const xs = x && x.length === 3 ? x : null;
  const n = ctx.attrs.int("num_heads", 0);
  const sizes = ctx.attrs.ints("qkv_hidden_sizes");
  let dq = null;
  let dk = null;
  let dv = null;
  if (sizes && sizes.length === 3) [dq, dk, dv] = sizes;
  else {
    const total = ctx.input(1)?.shape?.[1] ?? ctx.input(2)?.shape?.[0] ?? null;
    dq = dk = dv = divDim(total, 3);
  }
  const past = ctx.input(pastIndex)?.shape ?? null;
  return { b: xs ? xs[0] : null, s: xs ? xs[1] : null, din: xs ? xs[2] : null, dq, dk, dv, n, past: past && past.length === 5 ? past : null };
}
function projectedInfer(ctx, pastIndex, dtype) {
  const p = projected(ctx, pastIndex);
  const head = divDim(p.dq, p.n);
  const out = tensor(dtype, ctx.input(0)?.shape ? [p.b, p.s, p.dv] : null);
  let present;
  if (p.past && ctx.attrs.int("past_present_share_buffer", 0) !== 0) present = [...p.past];
  else if (p.past) present = [2, p.past[1], p.past[2], addDims(p.past[3], p.s), p.past[4]];
  else present = [2, p.b, p.n || null, p.s, head];
  return [out, tensor(dtype, present)];
}
function projectedTotal(ctx, p) {
  if (!p.past) return p.s;
  if (ctx.attrs.int("past_present_share_buffer", 0) !== 0) {
    const past = scalarValue(ctx, 6);
    return past !== null ? addDims(past, p.s) : p.past[3];
  }
  return addDims(p.past[3], p.s);
}
function msPerScore(ctx, maskInputs, causal) {
  let k = 1;
  for (const i of maskInputs) if (ctx.has(i)) k += 1;
  if (causal) k += 1;
  if (ctx.attrs.float("softcap", 0) > 0) k += SOFTCAP_FLOPS;
  return k;
}
function projectedCost(ctx, pastIndex, maskInputs, quantized) {
  const p = projected(ctx, pastIndex);
  const c = core(p.b, p.n || null, p.s, projectedTotal(ctx, p), divDim(p.dq, p.n), divDim(p.dv, p.n));
  if (!c || typeof p.din !== "number" || typeof p.dq !== "number" || typeof p.dk !== "number" || typeof p.dv !== "number") {
    return null;
  }
  const qkv = p.dq + p.dk + p.dv;
  const projectedElems = c.b * c.s * qkv;
  const unidirectional = ctx.attrs.int("unidirectional", 0) !== 0;
  let cost = coreAttention(c, msPerScore(ctx, maskInputs, unidirectional));
  let extra = ctx.has(2) ? projectedElems : 0;
  if (quantized) {
    const elems2 = (i) => numel(ctx.input(i)?.shape ?? null) ?? 0;
    extra += (ctx.has(6) ? elems2(0) : 0) + (ctx.has(7) ? elems2(1) : 0) + projectedElems;
  }
  if (ctx.attrs.int("do_rotary", 0) !== 0) extra += ROTARY_FLOPS * c.b * c.s * (p.dq + p.dk);
  cost = plus(cost, projectedElems * p.din, extra);
  return cost;
}
var msAttention = {
  opType: "Attention",
  domain: MS6,
  infer: (ctx) => projectedInfer(ctx, 4, ctx.input(0)?.dtype ?? null),
  cost: (ctx) => projectedCost(ctx, 4, [3, 5], false)
};
var qAttention = {
  opType: "QAttention",
  domain: MS6,
  // Output and present are float, typed like the input scale.
  infer: (ctx) => projectedInfer(ctx, 8, ctx.input(3)?.dtype ?? ctx.input(2)?.dtype ?? null),
  cost: (ctx) => projectedCost(ctx, 8, [5], true)
};
function mhaGeometry(ctx) {
  const q = ctx.input(0)?.shape;
  const k = ctx.input(1)?.shape;
  const v = ctx.input(2)?.shape;
  const n = ctx.attrs.int("num_heads", 0);
  if (!q) return null;
  if (q.length === 5) {
    return { b: q[0], s: q[1], n, h: q[4], hv: q[4], l: q[1], p: 0, bnsh: false, out: [q[0], q[1], mulDims(q[2], q[4])] };
  }
  if (q.length !== 3) return null;
  const h = divDim(q[2], n);
  const g = { b: q[0], s: q[1], n, h, hv: null, l: null, p: 0, bnsh: false, out: null };
  if (k && k.length === 5) {
    Object.assign(g, { l: k[1], hv: k[4], out: [q[0], q[1], q[2]] });
  } else if (k && k.length === 4) {
    Object.assign(g, { l: k[2], bnsh: true });
  } else if (k && k.length === 3) {
    g.l = k[1];
  }
  if (v && v.length === 3) Object.assign(g, { hv: divDim(v[2], n), out: [q[0], q[1], v[2]], l: g.l ?? v[1] });
  else if (v && v.length === 4) Object.assign(g, { hv: v[3], out: [q[0], q[1], mulDims(v[1], v[3])], l: g.l ?? v[2] });
  const past = ctx.input(6)?.shape;
  if (!g.bnsh && ctx.has(6)) g.p = past && past.length === 4 ? past[2] : null;
  return g;
}
function mhaTotal(ctx, g) {
  if (g.bnsh) return g.l;
  if (ctx.has(6) && ctx.has(8)) {
    const past = scalarValue(ctx, 8);
    return past !== null ? addDims(past, g.l) : ctx.input(6)?.shape?.[2] ?? null;
  }
  return addDims(g.p, g.l);
}
var multiHeadAttention = {
  opType: "MultiHeadAttention",
  domain: MS6,
  infer: (ctx) => {
    const dt = ctx.input(0)?.dtype ?? null;
    const g = mhaGeometry(ctx);
    if (!g) return [tensor(dt, null), tensor(dt, null), tensor(dt, null)];
    const shared = ctx.has(6) && ctx.has(8);
    const total = shared ? null : g.bnsh ? g.l : addDims(g.p, g.l);
    const pk = ctx.input(6)?.shape;
    const pv = ctx.input(7)?.shape;
    const presentK = shared && pk ? [...pk] : [g.b, g.n || null, total, g.h];
    const presentV = shared && pv ? [...pv] : [g.b, g.n || null, total, g.hv];
    const qk = [g.b, g.n || null, g.s, mhaTotal(ctx, g)];
    return [tensor(dt, g.out), tensor(dt, presentK), tensor(dt, presentV), tensor(dt, qk)];
  },
  cost: (ctx) => {
    const g = mhaGeometry(ctx);
    const c = g && core(g.b, g.n || null, g.s, mhaTotal(ctx, g), g.h, g.hv);
    if (!g || !c) return null;
    const unidirectional = ctx.attrs.int("unidirectional", 0) !== 0;
    const cost = coreAttention(c, msPerScore(ctx, [4, 5], unidirectional));
    if (!ctx.has(3)) return cost;
    const l = typeof g.l === "number" ? g.l : 0;
    const bias = c.b * c.s * c.n * c.h + (g.bnsh ? 0 : c.b * l * c.n * (c.h + c.hv));
    return plus(cost, 0, bias);
  }
};
function gqaGeometry(ctx) {
  const q = ctx.input(0)?.shape;
  if (!q || q.length !== 3) return null;
  const n = ctx.attrs.int("num_heads", 0);
  const kvN = ctx.attrs.int("kv_num_heads", 0);
  const packed = !ctx.has(1);
  const h = divDim(q[2], packed ? n + 2 * kvN : n);
  const k = ctx.input(1)?.shape;
  const l = packed ? q[1] : k && k.length === 3 ? k[1] : null;
  const past = ctx.has(3) ? ctx.input(3)?.shape?.length === 4 ? (ctx.input(3)?.shape)[2] : null : void 0;
  return { b: q[0], s: q[1], n, kvN, h, l, past, total: scalarValue(ctx, 6) };
}
function gqaPresentLength(ctx, g) {
  if (g.past === void 0) return g.total ?? g.l;
  if (ctx.attrs.int("sliding_window_cache", 0) === 1) return g.past;
  if (g.total === null) return null;
  if (typeof g.past === "number") return Math.max(g.past, g.total);
  return null;
}
var groupQueryAttention = {
  opType: "GroupQueryAttention",
  domain: MS6,
  infer: (ctx) => {
    const dt = ctx.input(0)?.dtype ?? null;
    const g = gqaGeometry(ctx);
    const cacheDt = ctx.has(3) ? ctx.input(3)?.dtype ?? null : dt;
    if (!g) return [tensor(dt, null), tensor(cacheDt, null), tensor(cacheDt, null)];
    const present = [g.b, g.kvN || null, gqaPresentLength(ctx, g), g.h];
    return [
      tensor(dt, [g.b, g.s, mulDims(g.n || null, g.h)]),
      tensor(cacheDt, present),
      tensor(cacheDt, [...present]),
      tensor(dt, [g.b, g.n || null, g.s, g.total])
    ];
  },
  cost: (ctx) => {
    const g = gqaGeometry(ctx);
    if (!g) return null;
    const t = g.total ?? (g.past === void 0 ? g.l : addDims(g.past, g.l));
    const c = core(g.b, g.n || null, g.s, t, g.h, g.h);
    if (!c) return null;
    const causal = ctx.attrs.int("causal", 1) !== 0;
    const cost = coreAttention(c, msPerScore(ctx, [10], causal));
    if (ctx.attrs.int("do_rotary", 0) === 0) return cost;
    const l = typeof g.l === "number" ? g.l : c.s;
    return plus(cost, 0, ROTARY_FLOPS * (c.b * c.s * c.n * c.h + c.b * l * g.kvN * c.h));
  }
};
function onnxAttnGeometry(ctx) {
  const q = ctx.input(0)?.shape;
  const k = ctx.input(1)?.shape;
  const v = ctx.input(2)?.shape;
  if (!q || q.length !== 3 && q.length !== 4) return null;
  const past = ctx.has(4) ? ctx.input(4)?.shape : void 0;
  const p = past === void 0 ? 0 : past && past.length === 4 ? past[2] : null;
  if (q.length === 4) {
    return {
      b: q[0],
      qN: q[1],
      s: q[2],
      h: q[3],
      kvN: k && k.length === 4 ? k[1] : v && v.length === 4 ? v[1] : null,
      l: k && k.length === 4 ? k[2] : v && v.length === 4 ? v[2] : null,
      hv: v && v.length === 4 ? v[3] : null,
      p,
      rank: 4
    };
  }
  const qN = ctx.attrs.int("q_num_heads", 0);
  const kvN = ctx.attrs.int("kv_num_heads", 0);
  return {
    b: q[0],
    qN: qN || null,
    s: q[1],
    h: divDim(q[2], qN),
    kvN: kvN || null,
    l: k && k.length === 3 ? k[1] : v && v.length === 3 ? v[1] : null,
    hv: v && v.length === 3 ? divDim(v[2], kvN) : null,
    p,
    rank: 3
  };
}
var onnxAttention = {
  opType: "Attention",
  infer: (ctx) => {
    const dt = ctx.input(0)?.dtype ?? null;
    const kDt = ctx.input(4)?.dtype ?? ctx.input(1)?.dtype ?? dt;
    const vDt = ctx.input(5)?.dtype ?? ctx.input(2)?.dtype ?? dt;
    const g = onnxAttnGeometry(ctx);
    if (!g) return [tensor(dt, null), tensor(kDt, null), tensor(vDt, null), tensor(dt, null)];
    const t = addDims(g.p, g.l);
    const y = g.rank === 4 ? [g.b, g.qN, g.s, g.hv] : [g.b, g.s, mulDims(g.qN, g.hv)];
    return [
      tensor(dt, y),
      tensor(kDt, [g.b, g.kvN, t, g.h]),
      tensor(vDt, [g.b, g.kvN, t, g.hv]),
      tensor(dt, [g.b, g.qN, g.s, t])
    ];
  },
  cost: (ctx) => {
    const g = onnxAttnGeometry(ctx);
    const c = g && core(g.b, g.qN, g.s, addDims(g.p, g.l), g.h, g.hv);
    if (!g || !c || typeof g.kvN !== "number") return null;
    let perScore = ctx.has(3) || ctx.attrs.int("is_causal", 0) !== 0 ? 1 : 0;
    if (ctx.attrs.float("softcap", 0) > 0) perScore += SOFTCAP_FLOPS;
    const scaling = c.b * c.n * c.s * c.h + c.b * g.kvN * c.t * c.h;
    return plus(coreAttention(c, perScore), 0, scaling);
  }
};
function rotaryDef(domain, cosIndex) {
  return {
    opType: "RotaryEmbedding",
    domain,
    infer: (ctx) => {
      const x = ctx.input(0);
      return [tensor(x?.dtype ?? null, x?.shape ? [...x.shape] : null)];
    },
    cost: (ctx) => {
      const x = ctx.input(0)?.shape ?? null;
      const n = numel(x);
      if (!x || n === null) return null;
      const heads = ctx.attrs.int("num_heads", 0);
      const cos = ctx.input(cosIndex)?.shape;
      const cosLast = cos && cos.length > 0 ? cos[cos.length - 1] : null;
      let headSize = x.length === 4 ? x[3] : heads > 0 ? divDim(x[x.length - 1], heads) : null;
      const attrDim = ctx.attrs.int("rotary_embedding_dim", 0);
      const rot = attrDim > 0 ? attrDim : typeof cosLast === "number" ? 2 * cosLast : headSize;
      if (headSize === null) headSize = rot;
      if (typeof rot !== "number" || typeof headSize !== "number" || headSize === 0) return null;
      const rotated = Math.round(n * Math.min(rot, headSize) / headSize);
      return { macs: 0, flops: ROTARY_FLOPS * rotated, coreMacs: 0 };
    }
  };
}
var ops9 = [
  msAttention,
  qAttention,
  multiHeadAttention,
  groupQueryAttention,
  onnxAttention,
  rotaryDef(MS6, 2),
  rotaryDef("", 1)
];

// src/ops/quantize.ts
var MS7 = "com.microsoft";
var QUANTIZE_FLOPS = 4;
var DEQUANTIZE_FLOPS = 2;
var SIGMOID_FLOPS = 4;
var LEAKY_RELU_FLOPS = 2;
var SOFTMAX_FLOPS2 = 5;
function flopsOnly(flops3) {
  return { macs: 0, flops: flops3, coreMacs: 0 };
}
function inElems(ctx, i) {
  return numel(ctx.input(i)?.shape ?? null);
}
function outElems2(ctx) {
  return numel(ctx.output(0)?.shape ?? null);
}
function sameShape(ctx, dtype) {
  return [tensor(dtype, ctx.input(0)?.shape ? [...ctx.input(0)?.shape] : null)];
}
function quantizeOutputType(ctx) {
  if (ctx.has(2)) return ctx.input(2)?.dtype ?? null;
  const code2 = ctx.attrs.int("output_dtype", 0);
  if (code2 !== 0) return dtypeFromCode(code2);
  return "uint8";
}
function dequantizeOutputType(ctx, alwaysScale) {
  const code2 = ctx.attrs.int("output_dtype", 0);
  if (code2 !== 0) return dtypeFromCode(code2);
  if (!alwaysScale && ctx.opset < 19) return "float32";
  return ctx.input(1)?.dtype ?? null;
}
function quantizeDef(domain) {
  return {
    opType: "QuantizeLinear",
    domain,
    infer: (ctx) => sameShape(ctx, quantizeOutputType(ctx)),
    cost: (ctx) => {
      const n = outElems2(ctx);
      return n === null ? null : flopsOnly(QUANTIZE_FLOPS * n);
    }
  };
}
function dequantizeDef(domain) {
  return {
    opType: "DequantizeLinear",
    domain,
    infer: (ctx) => sameShape(ctx, dequantizeOutputType(ctx, domain === MS7)),
    cost: (ctx) => {
      const n = outElems2(ctx);
      return n === null ? null : flopsOnly(DEQUANTIZE_FLOPS * n);
    }
  };
}
var DYNAMIC_QUANTIZE_SCALAR_FLOPS = 8;
var dynamicQuantizeLinear = {
  opType: "DynamicQuantizeLinear",
  infer: (ctx) => [...sameShape(ctx, "uint8"), tensor("float32", []), tensor("uint8", [])],
  cost: (ctx) => {
    const n = inElems(ctx, 0);
    return n === null ? null : flopsOnly((2 + QUANTIZE_FLOPS) * n + DYNAMIC_QUANTIZE_SCALAR_FLOPS);
  }
};
function qlinearBinary(opType) {
  return {
    opType,
    domain: MS7,
    infer: (ctx) => [tensor(ctx.input(0)?.dtype ?? null, broadcast(ctx.input(0)?.shape ?? null, ctx.input(3)?.shape ?? null))],
    cost: (ctx) => {
      const [a, b, c] = [inElems(ctx, 0), inElems(ctx, 3), outElems2(ctx)];
      if (a === null || b === null || c === null) return null;
      return flopsOnly(DEQUANTIZE_FLOPS * (a + b) + (1 + QUANTIZE_FLOPS) * c);
    }
  };
}
function qlinearUnary(opType, perElement) {
  return {
    opType,
    domain: MS7,
    infer: (ctx) => sameShape(ctx, ctx.input(0)?.dtype ?? null),
    cost: (ctx) => {
      const [x, y] = [inElems(ctx, 0), outElems2(ctx)];
      if (x === null || y === null) return null;
      return flopsOnly(DEQUANTIZE_FLOPS * x + (perElement + QUANTIZE_FLOPS) * y);
    }
  };
}
var channelsLast = (ctx) => ctx.attrs.int("channels_last", 0) !== 0;
var qlinearGlobalAveragePool = {
  opType: "QLinearGlobalAveragePool",
  domain: MS7,
  infer: (ctx) => {
    const x = ctx.input(0);
    const s = x?.shape;
    if (!s || s.length < 2) return [tensor(x?.dtype ?? null, null)];
    const shape = channelsLast(ctx) ? [s[0], ...s.slice(1, -1).map(() => 1), s[s.length - 1]] : [s[0], s[1], ...s.slice(2).map(() => 1)];
    return [tensor(x?.dtype ?? null, shape)];
  },
  cost: (ctx) => {
    const pool = globalPoolCost(ctx, "avg", channelsLast(ctx));
    const [x, y] = [inElems(ctx, 0), outElems2(ctx)];
    if (!pool || x === null || y === null) return null;
    return flopsOnly(DEQUANTIZE_FLOPS * x + pool.flops + QUANTIZE_FLOPS * y);
  }
};
var qlinearAveragePool = {
  opType: "QLinearAveragePool",
  domain: MS7,
  infer: (ctx) => {
    const x = ctx.input(0);
    const last = channelsLast(ctx);
    const xs = x?.shape ?? null;
    const nchw = poolShape(ctx.attrs, last ? toChannelsFirst(xs) : xs, false);
    return [tensor(x?.dtype ?? null, last ? toChannelsLast(nchw) : nchw)];
  },
  cost: (ctx) => {
    const [x, y] = [inElems(ctx, 0), outElems2(ctx)];
    const kernel = ctx.attrs.ints("kernel_shape");
    if (x === null || y === null || !kernel) return null;
    return flopsOnly(DEQUANTIZE_FLOPS * x + (poolFlopsPerOutput("avg", kernelVolume(kernel)) + QUANTIZE_FLOPS) * y);
  }
};
var qlinearConcat = {
  opType: "QLinearConcat",
  domain: MS7,
  infer: (ctx) => {
    const items = [];
    for (let i = 2; i < ctx.node.inputs.length; i += 3) items.push(ctx.input(i)?.shape ?? null);
    const dtype = ctx.input(1)?.dtype ?? ctx.input(2)?.dtype ?? null;
    return [tensor(dtype, concatShape(items, ctx.attrs.int("axis", 0)))];
  },
  cost: (ctx) => {
    const y = outElems2(ctx);
    return y === null ? null : flopsOnly((DEQUANTIZE_FLOPS + QUANTIZE_FLOPS) * y);
  }
};
function concatShape(items, axis) {
  const rank = items.find((s) => s !== null)?.length;
  if (rank === void 0 || items.length === 0) return null;
  if (items.some((s) => s !== null && s.length !== rank)) return null;
  const a = normAxis(axis, rank);
  if (a === null) return null;
  const out = new Array(rank).fill(null);
  let total = 0;
  for (let d = 0; d < rank; d++) {
    if (d === a) continue;
    const known = items.map((s) => s ? s[d] : null).filter((v) => v !== null);
    out[d] = known.length > 0 && known.every((v) => v === known[0]) ? known[0] : null;
  }
  for (const s of items) {
    const d = s ? s[a] : null;
    total = total !== null && typeof d === "number" ? total + d : null;
  }
  out[a] = total;
  return out;
}
var ops10 = [
  quantizeDef(""),
  dequantizeDef(""),
  dynamicQuantizeLinear,
  quantizeDef(MS7),
  dequantizeDef(MS7),
  qlinearBinary("QLinearAdd"),
  qlinearBinary("QLinearMul"),
  qlinearUnary("QLinearSigmoid", SIGMOID_FLOPS),
  qlinearUnary("QLinearLeakyRelu", LEAKY_RELU_FLOPS),
  qlinearUnary("QLinearSoftmax", SOFTMAX_FLOPS2),
  qlinearGlobalAveragePool,
  qlinearAveragePool,
  qlinearConcat
];

// src/onnx/wire.ts
var TWO_32 = 4294967296;
var utf8 = new TextDecoder("utf-8", { fatal: false });
var Reader = class {
  constructor(buf, start = 0, end = buf.length) {
    this.buf = buf;
    this.pos = start;
    this.end = end;
  }
  buf;
  pos;
  end;
  view = null;
  get done() {
    return this.pos >= this.end;
  }
  fail(what) {
    throw new DecodeError(what, this.pos);
  }
  /** A varint as a non-negative number (tags, lengths, enums). */
  uint32() {
    const buf = this.buf;
    let result = 0;
    let mul = 1;
    for (let i = 0; ; i++) {
      if (this.pos >= this.end) this.fail("truncated varint");
      const b = buf[this.pos++];
      result += (b & 127) * mul;
      if (b < 128) return result;
      mul *= 128;
      if (i >= 9) this.fail("malformed varint");
    }
  }
  /**
   * A varint as a signed 64-bit integer (two's complement), as a JS number. Exact up to 2^53;
   * larger magnitudes (INT64_MAX as "to the end" in Slice) round, which is harmless here.
   */
  int64() {
    const buf = this.buf;
    let lo = 0;
    let hi = 0;
    let b = 0;
    let i = 0;
    for (; i < 4; i++) {
      if (this.pos >= this.end) this.fail("truncated varint");
      b = buf[this.pos++];
      lo |= (b & 127) << 7 * i;
      if (b < 128) return lo >>> 0;
    }
    if (this.pos >= this.end) this.fail("truncated varint");
    b = buf[this.pos++];
    lo |= (b & 15) << 28;
    hi = (b & 127) >> 4;
    if (b >= 128) {
      for (i = 0; i < 5; i++) {
        if (this.pos >= this.end) this.fail("truncated varint");
        b = buf[this.pos++];
        hi |= (b & 127) << 7 * i + 3;
        if (b < 128) break;
      }
      if (b >= 128) this.fail("malformed varint");
    }
    return (hi | 0) * TWO_32 + (lo >>> 0);
  }
  /** Unsigned 64-bit varint as a number (uint64_data). */
  uint64() {
    const v = this.int64();
    return v < 0 ? v + TWO_32 * TWO_32 : v;
  }
  /** int32 fields are encoded as sign-extended varints. */
  int32() {
    return this.int64() | 0;
  }
  float() {
    if (this.pos + 4 > this.end) this.fail("truncated float");
    const v = this.dataView().getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }
  double() {
    if (this.pos + 8 > this.end) this.fail("truncated double");
    const v = this.dataView().getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }
  /** A length-delimited field as a view into the buffer. */
  bytes() {
    const len = this.uint32();
    const start = this.pos;
    if (len > this.end - start) this.fail(`field length ${len} runs past the end of the data`);
    this.pos = start + len;
    return this.buf.subarray(start, start + len);
  }
  /** Start and end of a length-delimited field, for decoding a sub-message in place. */
  span() {
    const len = this.uint32();
    const start = this.pos;
    if (len > this.end - start) this.fail(`field length ${len} runs past the end of the data`);
    this.pos = start + len;
    return [start, start + len];
  }
  string() {
    return utf8.decode(this.bytes());
  }
  /** Reads a tag; returns field number * 8 + wire type, as protobuf writes it. */
  tag() {
    const t = this.uint32();
    if (t >>> 3 === 0) this.fail("invalid field number 0");
    return t;
  }
  skip(wireType) {
    switch (wireType) {
      case 0:
        this.int64();
        return;
      case 1:
        this.advance(8);
        return;
      case 2:
        this.bytes();
        return;
      case 5:
        this.advance(4);
        return;
      case 3: {
        for (; ; ) {
          if (this.done) this.fail("unterminated group");
          const t = this.tag();
          if ((t & 7) === 4) return;
          this.skip(t & 7);
        }
      }
      default:
        this.fail(`invalid wire type ${wireType}`);
    }
  }
  advance(n) {
    if (this.pos + n > this.end) this.fail("truncated field");
    this.pos += n;
  }
  dataView() {
    if (!this.view) this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    return this.view;
  }
};
function decodeUtf8(bytes) {
  return utf8.decode(bytes);
}

// src/onnx/tensor-values.ts
var DEFAULT_VALUE_LIMIT = 4096;
function elementCount(t) {
  let n = 1;
  for (const d of t.dims) n *= d;
  return n;
}
var f16buf = new DataView(new ArrayBuffer(4));
function halfToFloat(h) {
  const s = h & 32768 ? -1 : 1;
  const e = h >> 10 & 31;
  const f = h & 1023;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f ? NaN : s * Infinity;
  return s * (1 + f / 1024) * 2 ** (e - 15);
}
function bfloat16ToFloat(b) {
  f16buf.setUint32(0, (b & 65535) << 16);
  return f16buf.getFloat32(0);
}
function readTensorValues(t, limit2 = DEFAULT_VALUE_LIMIT) {
  const count = elementCount(t);
  if (count > limit2 || t.dtype === null) return null;
  const st = t.storage;
  if (count === 0) return [];
  switch (st.kind) {
    case "raw":
      return fromRaw(t, st.bytes, count);
    case "field":
      return fromField(t, st.field, st.segments, count);
    default:
      return null;
  }
}
function fromRaw(t, bytes, count) {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Array(count);
  const need = (w) => bytes.byteLength >= count * w;
  switch (t.dtype) {
    case "float32":
      if (!need(4)) return null;
      for (let i = 0; i < count; i++) out[i] = dv.getFloat32(i * 4, true);
      return out;
    case "float64":
      if (!need(8)) return null;
      for (let i = 0; i < count; i++) out[i] = dv.getFloat64(i * 8, true);
      return out;
    case "float16":
      if (!need(2)) return null;
      for (let i = 0; i < count; i++) out[i] = halfToFloat(dv.getUint16(i * 2, true));
      return out;
    case "bfloat16":
      if (!need(2)) return null;
      for (let i = 0; i < count; i++) out[i] = bfloat16ToFloat(dv.getUint16(i * 2, true));
      return out;
    case "int8":
      if (!need(1)) return null;
      for (let i = 0; i < count; i++) out[i] = dv.getInt8(i);
      return out;
    case "uint8":
    case "bool":
      if (!need(1)) return null;
      for (let i = 0; i < count; i++) out[i] = t.dtype === "bool" ? dv.getUint8(i) ? 1 : 0 : dv.getUint8(i);
      return out;
    case "int16":
      if (!need(2)) return null;
      for (let i = 0; i < count; i++) out[i] = dv.getInt16(i * 2, true);
      return out;
    case "uint16":
      if (!need(2)) return null;
      for (let i = 0; i < count; i++) out[i] = dv.getUint16(i * 2, true);
      return out;
    case "int32":
      if (!need(4)) return null;
      for (let i = 0; i < count; i++) out[i] = dv.getInt32(i * 4, true);
      return out;
    case "uint32":
      if (!need(4)) return null;
      for (let i = 0; i < count; i++) out[i] = dv.getUint32(i * 4, true);
      return out;
    case "int64":
      if (!need(8)) return null;
      for (let i = 0; i < count; i++) out[i] = Number(dv.getBigInt64(i * 8, true));
      return out;
    case "uint64":
      if (!need(8)) return null;
      for (let i = 0; i < count; i++) out[i] = Number(dv.getBigUint64(i * 8, true));
      return out;
    case "int4":
    case "uint4": {
      if (bytes.byteLength < Math.ceil(count / 2)) return null;
      for (let i = 0; i < count; i++) {
        const byte = bytes[i >> 1];
        let v = i & 1 ? byte >> 4 : byte & 15;
        if (t.dtype === "int4" && v >= 8) v -= 16;
        out[i] = v;
      }
      return out;
    }
    default:
      return null;
  }
}
function fromField(t, field, segments, count) {
  const raw = [];
  for (const seg of segments) {
    const r = new Reader(seg.bytes);
    const readOne = () => {
      switch (field) {
        case "float":
          return r.float();
        case "double":
          return r.double();
        case "int32":
          return r.int32();
        case "int64":
          return r.int64();
        case "uint64":
          return r.uint64();
        default:
          throw new Error(`field ${field} holds no numbers`);
      }
    };
    while (!r.done && raw.length <= count) raw.push(readOne());
  }
  if (raw.length < count) return null;
  raw.length = count;
  switch (t.dtype) {
    case "float16":
      return field === "int32" ? raw.map(halfToFloat) : raw;
    case "bfloat16":
      return field === "int32" ? raw.map(bfloat16ToFloat) : raw;
    case "bool":
      return raw.map((v) => v ? 1 : 0);
    case "complex64":
    case "complex128":
    case "string":
      return null;
    default:
      if (t.dtype?.startsWith("float8") || t.dtype === "float4e2m1") return null;
      return raw;
  }
}

// src/ops/shape.ts
function knownTensor(info) {
  if (!info || info.kind !== "tensor" || !info.value || !isConcrete(info.shape)) return null;
  if (info.value.length !== numel(info.shape)) return null;
  return { shape: info.shape, value: info.value };
}
function flatIndex(idx, shape) {
  let f = 0;
  for (let d = 0; d < shape.length; d++) f = f * shape[d] + idx[d];
  return f;
}
function buildValue(shape, at) {
  if (!isConcrete(shape)) return void 0;
  const n = numel(shape);
  if (n > MAX_TRACKED_ELEMENTS) return void 0;
  const out = new Array(n);
  const idx = new Array(shape.length).fill(0);
  for (let f = 0; f < n; f++) {
    out[f] = at(idx);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}
function hasKnownEntry(value2) {
  return !!value2 && value2.some((v) => v !== null);
}
function intsArg(ctx, input, attr, inputSince) {
  const fromInput = () => ctx.has(input) ? knownInts(ctx.input(input)) : void 0;
  const fromAttr = () => ctx.attrs.ints(attr);
  if (ctx.opset >= inputSince) {
    const v = fromInput();
    return v !== void 0 ? v : fromAttr();
  }
  const a = fromAttr();
  return a !== void 0 ? a : fromInput();
}
function scalarArg(info) {
  const v = dimValues(info);
  return v && v.length === 1 ? v[0] : void 0;
}
function normAxes2(axes, rank) {
  const out = [];
  for (const a of axes) {
    const n = normAxis(a, rank);
    if (n === null || out.includes(n)) return null;
    out.push(n);
  }
  return out;
}
function noCost() {
  return ZERO_COST;
}
function perElementCost(perElement) {
  return (ctx) => {
    const n = outputElements(ctx);
    return n === null ? null : { macs: 0, flops: n * perElement, coreMacs: 0 };
  };
}
function reshaped(input, shape) {
  const value2 = input?.value && shape !== null && numel(shape) === input.value.length ? input.value : void 0;
  return tensor(input?.dtype ?? null, shape, value2);
}
function symProduct(dims2) {
  const p = { coef: 1, syms: /* @__PURE__ */ new Map() };
  for (const d of dims2) {
    if (d === null) return null;
    if (typeof d === "number") p.coef *= d;
    else p.syms.set(d, (p.syms.get(d) ?? 0) + 1);
  }
  return p;
}
function symDivide(a, b) {
  if (b.coef === 0 || a.coef % b.coef !== 0) return null;
  const syms = new Map(a.syms);
  for (const [s, n] of b.syms) {
    const left = (syms.get(s) ?? 0) - n;
    if (left < 0) return null;
    if (left === 0) syms.delete(s);
    else syms.set(s, left);
  }
  return { coef: a.coef / b.coef, syms };
}
function symToDim(p) {
  if (p === null) return null;
  if (p.syms.size === 0) return p.coef;
  if (p.coef === 0) return 0;
  if (p.coef === 1 && p.syms.size === 1) {
    const [[s, n]] = [...p.syms];
    if (n === 1) return s;
  }
  return null;
}
function productDim(dims2) {
  if (dims2.includes(0)) return 0;
  return symToDim(symProduct(dims2));
}
function solveOneUnknown(input, out) {
  const unknown = out.flatMap((d, i) => d === null ? [i] : []);
  if (unknown.length !== 1 || input === null) return out;
  const others = out.filter((_, i) => i !== unknown[0]);
  const total = symProduct(input);
  const rest = symProduct(others);
  if (total === null || rest === null || rest.coef === 0) return out;
  const q = symToDim(symDivide(total, rest));
  if (q === null) return out;
  const solved = [...out];
  solved[unknown[0]] = q;
  return solved;
}
function castElement(v, to) {
  if (v === null) return null;
  if (to === "bool") return typeof v === "number" ? v !== 0 ? 1 : 0 : null;
  if (typeof v === "string") return isInteger(to) || isFloat(to) ? v : null;
  if (isInteger(to)) {
    if (!Number.isFinite(v)) return null;
    const t = Math.trunc(v);
    const r = INT_RANGE[to];
    return r && t >= r[0] && t <= r[1] ? t : null;
  }
  switch (to) {
    case "float64":
      return v;
    case "float32":
      return Math.fround(v);
    case "float16":
      return Number.isInteger(v) && Math.abs(v) <= 2048 ? v : null;
    case "bfloat16":
      return Number.isInteger(v) && Math.abs(v) <= 256 ? v : null;
    default:
      return null;
  }
}
function tensorDataInfo(t) {
  const value2 = readTensorValues(t, MAX_TRACKED_ELEMENTS);
  return tensor(t.dtype, [...t.dims], value2 ?? void 0);
}
function sparseInfo(s) {
  const dims2 = [...s.dims];
  const n = numel(dims2);
  const dtype = s.values.dtype;
  if (n === null || n > MAX_TRACKED_ELEMENTS) return tensor(dtype, dims2);
  const values = readTensorValues(s.values, MAX_TRACKED_ELEMENTS);
  const indices = readTensorValues(s.indices, MAX_TRACKED_ELEMENTS * Math.max(1, dims2.length));
  if (!values || !indices) return tensor(dtype, dims2);
  const dense = new Array(n).fill(0);
  const coords = s.indices.dims.length === 2;
  for (let k = 0; k < values.length; k++) {
    const off = coords ? flatIndex(indices.slice(k * dims2.length, (k + 1) * dims2.length), dims2) : indices[k];
    if (!(off >= 0 && off < n)) return tensor(dtype, dims2);
    dense[off] = values[k];
  }
  return tensor(dtype, dims2, dense);
}
function inferConstant(ctx) {
  const a = ctx.attrs;
  const t = a.tensor("value");
  if (t) return [tensorDataInfo(t)];
  const sparse = a.raw.get("sparse_value");
  if (sparse?.type === "sparse_tensor") return [sparseInfo(sparse.value)];
  const raw = (name) => a.raw.get(name);
  if (raw("value_float")) return [tensor("float32", [], [Math.fround(a.float("value_float", 0))])];
  if (raw("value_floats")) {
    const v = a.floats("value_floats") ?? [];
    return [tensor("float32", [v.length], v.map(Math.fround))];
  }
  if (raw("value_int")) return [tensor("int64", [], [a.int("value_int", 0)])];
  if (raw("value_ints")) {
    const v = a.ints("value_ints") ?? [];
    return [tensor("int64", [v.length], [...v])];
  }
  if (raw("value_string")) return [tensor("string", [])];
  if (raw("value_strings")) return [tensor("string", [a.strings("value_strings")?.length ?? null])];
  return [null];
}
function clampBound(b, rank) {
  const v = b < 0 ? b + rank : b;
  return Math.min(Math.max(v, 0), rank);
}
function inferShape(ctx) {
  const x = ctx.input(0);
  if (!x || x.shape === null) return [tensor("int64", [null])];
  const rank = x.shape.length;
  const start = ctx.opset >= 15 ? clampBound(ctx.attrs.int("start", 0), rank) : 0;
  const end = ctx.opset >= 15 ? clampBound(ctx.attrs.int("end", rank), rank) : rank;
  const dims2 = x.shape.slice(start, Math.max(start, end));
  return [tensor("int64", [dims2.length], dims2)];
}
function inferSize(ctx) {
  const x = ctx.input(0);
  const n = x && x.shape !== null ? productDim(x.shape) : null;
  return [tensor("int64", [], n === null ? void 0 : [n])];
}
function reshapeDims(input, target, allowzero) {
  const out = target.map((v, i) => {
    if (v === 0 && !allowzero) return input !== null && i < input.length ? input[i] : null;
    if (typeof v === "number" && v < 0) return null;
    return v;
  });
  return solveOneUnknown(input, out);
}
function inferReshape(ctx) {
  const x = ctx.input(0);
  const inShape = x?.shape ?? null;
  const allowzero = ctx.opset >= 14 && ctx.attrs.int("allowzero", 0) === 1;
  let target;
  let targetLen = null;
  if (ctx.opset < 5 || !ctx.has(1) && ctx.attrs.has("shape")) {
    target = ctx.attrs.ints("shape") ?? null;
  } else {
    const s = ctx.input(1);
    target = dimValues(s);
    targetLen = s?.shape?.length === 1 ? s.shape[0] : null;
  }
  if (target === null) {
    if (typeof targetLen !== "number") return [tensor(x?.dtype ?? null, null)];
    const out = solveOneUnknown(inShape, new Array(targetLen).fill(null));
    return [reshaped(x, out)];
  }
  return [reshaped(x, reshapeDims(inShape, target, allowzero))];
}
function inferFlatten(ctx) {
  const x = ctx.input(0);
  if (!x || x.shape === null) return [tensor(x?.dtype ?? null, [null, null])];
  const rank = x.shape.length;
  let axis = ctx.attrs.int("axis", 1);
  if (axis < 0) axis += rank;
  if (axis < 0 || axis > rank) return [tensor(x.dtype, [null, null])];
  return [reshaped(x, [productDim(x.shape.slice(0, axis)), productDim(x.shape.slice(axis))])];
}
function inferSqueeze(ctx) {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  const axes = intsArg(ctx, 1, "axes", 13);
  const inShape = x?.shape ?? null;
  if (axes === void 0) {
    if (inShape === null || !inShape.every((d) => typeof d === "number")) return [tensor(dtype, null)];
    return [reshaped(x, inShape.filter((d) => d !== 1))];
  }
  if (inShape === null) return [tensor(dtype, null)];
  if (axes === null) {
    const n = ctx.input(1)?.shape?.[0];
    return [tensor(dtype, typeof n === "number" && n <= inShape.length ? new Array(inShape.length - n).fill(null) : null)];
  }
  const norm = normAxes2(axes, inShape.length);
  if (norm === null) return [tensor(dtype, null)];
  return [reshaped(x, inShape.filter((_, i) => !norm.includes(i)))];
}
function inferUnsqueeze(ctx) {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  const axes = intsArg(ctx, 1, "axes", 13);
  const inShape = x?.shape ?? null;
  if (inShape === null || axes === void 0) return [tensor(dtype, null)];
  if (axes === null) {
    const n = ctx.input(1)?.shape?.[0];
    return [tensor(dtype, typeof n === "number" ? new Array(inShape.length + n).fill(null) : null)];
  }
  const rank = inShape.length + axes.length;
  const norm = normAxes2(axes, rank);
  if (norm === null) return [tensor(dtype, null)];
  const out = [];
  let j = 0;
  for (let i = 0; i < rank; i++) out.push(norm.includes(i) ? 1 : inShape[j++]);
  return [reshaped(x, out)];
}
function broadcastValue(x, outShape) {
  if (!x || !isConcrete(outShape)) return void 0;
  const off = outShape.length - x.shape.length;
  if (off < 0) return void 0;
  return buildValue(outShape, (idx) => {
    const src = x.shape.map((d, i) => d === 1 ? 0 : idx[i + off]);
    return x.value[flatIndex(src, x.shape)];
  });
}
function inferExpand(ctx) {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  const s = ctx.input(1);
  let target = dimValues(s);
  if (target === null) {
    const len = s?.shape?.length === 1 ? s.shape[0] : null;
    if (typeof len !== "number") return [tensor(dtype, null)];
    target = new Array(len).fill(null);
  }
  if (!x || x.shape === null) return [tensor(dtype, null)];
  const a = x.shape;
  const rank = Math.max(a.length, target.length);
  const out = [];
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
    const db = i < rank - target.length ? 1 : target[i - (rank - target.length)];
    out.push(broadcastDim(da, db));
  }
  return [tensor(dtype, out, broadcastValue(knownTensor(x), out))];
}
function inferTile(ctx) {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  const reps = dimValues(ctx.input(1));
  if (!x || x.shape === null) return [tensor(dtype, null)];
  if (reps === null || reps.length !== x.shape.length) return [tensor(dtype, x.shape.map(() => null))];
  const out = x.shape.map((d, i) => productDim([d, reps[i]]));
  const k = knownTensor(x);
  const value2 = k ? buildValue(out, (idx) => k.value[flatIndex(idx.map((v, i) => v % k.shape[i]), k.shape)]) : void 0;
  return [tensor(dtype, out, value2)];
}
function castTo(x, to) {
  const value2 = to && x?.value ? x.value.map((v) => castElement(v, to)) : void 0;
  return tensor(to, x?.shape ?? null, hasKnownEntry(value2) ? value2 : void 0);
}
function inferCast(ctx) {
  const code2 = ctx.attrs.int("to");
  return [castTo(ctx.input(0), code2 === void 0 ? null : dtypeFromCode(code2))];
}
function inferCastLike(ctx) {
  return [castTo(ctx.input(0), ctx.input(1)?.dtype ?? null)];
}
function inferBitCast(ctx) {
  const code2 = ctx.attrs.int("to");
  return [tensor(code2 === void 0 ? null : dtypeFromCode(code2), ctx.input(0)?.shape ?? null)];
}
function inferIdentity(ctx) {
  return [ctx.inputs[0] ?? null];
}
function inferConstantOfShape(ctx) {
  const t = ctx.attrs.tensor("value");
  const dtype = t ? t.dtype : "float32";
  const fill = t ? readTensorValues(t, 1)?.[0] ?? void 0 : 0;
  const s = ctx.input(0);
  let dims2 = dimValues(s);
  if (dims2 === null) {
    const len = s?.shape?.length === 1 ? s.shape[0] : null;
    return [tensor(dtype, typeof len === "number" ? new Array(len).fill(null) : null)];
  }
  dims2 = dims2.map((d) => typeof d === "number" && d < 0 ? null : d);
  return [tensor(dtype, dims2, fill === void 0 ? void 0 : buildValue(dims2, () => fill))];
}
function rangeLength(start, limit2, delta) {
  if (typeof start === "number" && typeof limit2 === "number" && typeof delta === "number") {
    if (delta === 0) return null;
    return Math.max(Math.ceil((limit2 - start) / delta), 0);
  }
  if (start === 0 && delta === 1 && typeof limit2 === "string") return limit2;
  return null;
}
function inferRange(ctx) {
  const [s, l, d] = [ctx.input(0), ctx.input(1), ctx.input(2)];
  const dtype = s?.dtype ?? l?.dtype ?? d?.dtype ?? null;
  const start = scalarArg(s);
  const delta = scalarArg(d);
  const n = rangeLength(start, scalarArg(l), delta);
  const value2 = typeof n === "number" && typeof start === "number" && typeof delta === "number" ? buildValue([n], (idx) => start + idx[0] * delta) : void 0;
  return [tensor(dtype, [n], value2)];
}
function inferEyeLike(ctx) {
  const x = ctx.input(0);
  const code2 = ctx.attrs.int("dtype");
  const dtype = code2 !== void 0 ? dtypeFromCode(code2) : x?.dtype ?? null;
  const k = ctx.attrs.int("k", 0);
  const shape = x?.shape ?? null;
  const value2 = shape?.length === 2 ? buildValue(shape, (idx) => idx[1] - idx[0] === k ? 1 : 0) : void 0;
  return [tensor(dtype, shape, value2)];
}
function inferTrilu(ctx) {
  const x = ctx.input(0);
  const upper = ctx.attrs.int("upper", 1) === 1;
  const kv = ctx.has(1) ? scalarArg(ctx.input(1)) : 0;
  const kx = knownTensor(x);
  let value2;
  if (kx && kx.shape.length >= 2 && typeof kv === "number") {
    const r = kx.shape.length;
    value2 = buildValue(kx.shape, (idx) => {
      const diff = idx[r - 1] - idx[r - 2];
      const keep = upper ? diff >= kv : diff <= kv;
      return keep ? kx.value[flatIndex(idx, kx.shape)] : 0;
    });
  }
  return [tensor(x?.dtype ?? null, x?.shape ?? null, value2)];
}
function dropoutTraining(ctx) {
  if (ctx.opset < 7) return ctx.attrs.int("is_test", 0) === 0 ? null : false;
  if (ctx.opset < 12 || !ctx.has(2)) return false;
  const t = scalarArg(ctx.input(2));
  return typeof t === "number" ? t !== 0 : null;
}
function inferDropout(ctx) {
  const x = ctx.input(0);
  const training = dropoutTraining(ctx);
  const y = tensor(x?.dtype ?? null, x?.shape ?? null, training === false ? x?.value : void 0);
  const maskType = ctx.opset >= 10 ? "bool" : x?.dtype ?? null;
  const maskValue = training === false && numel(x?.shape ?? null) !== null ? buildValue(x.shape, () => 1) : void 0;
  return [y, tensor(maskType, x?.shape ?? null, maskValue)];
}
function costDropout(ctx) {
  if (dropoutTraining(ctx) !== true) return ZERO_COST;
  return perElementCost(2)(ctx);
}
var ops11 = [
  { opType: "Constant", infer: inferConstant, cost: noCost },
  { opType: "Shape", infer: inferShape, cost: noCost },
  { opType: "Size", infer: inferSize, cost: noCost },
  { opType: "Reshape", infer: inferReshape, cost: noCost },
  { opType: "Flatten", infer: inferFlatten, cost: noCost },
  { opType: "Squeeze", infer: inferSqueeze, cost: noCost },
  { opType: "Unsqueeze", infer: inferUnsqueeze, cost: noCost },
  { opType: "Expand", infer: inferExpand, cost: noCost },
  { opType: "Tile", infer: inferTile, cost: noCost },
  { opType: "Identity", infer: inferIdentity, cost: noCost },
  { opType: "Cast", infer: inferCast, cost: noCost },
  { opType: "CastLike", infer: inferCastLike, cost: noCost },
  { opType: "BitCast", infer: inferBitCast, cost: noCost },
  { opType: "ConstantOfShape", infer: inferConstantOfShape, cost: noCost },
  { opType: "Range", infer: inferRange, cost: perElementCost(2) },
  { opType: "EyeLike", infer: inferEyeLike, cost: noCost },
  { opType: "Trilu", infer: inferTrilu, cost: noCost },
  { opType: "Dropout", infer: inferDropout, cost: costDropout }
];

// src/ops/gather-scatter.ts
function wrapIndex(i, size) {
  if (typeof i !== "number" || !Number.isInteger(i)) return null;
  const v = i < 0 ? i + size : i;
  return v >= 0 && v < size ? v : null;
}
function knownIndices(info) {
  const k = knownTensor(info);
  if (!k || !k.value.every((v) => typeof v === "number")) return null;
  return { shape: k.shape, value: k.value };
}
function inferGather(ctx) {
  const data = ctx.input(0);
  const ind = ctx.input(1);
  const dtype = data?.dtype ?? null;
  if (!data?.shape || !ind?.shape) return [tensor(dtype, null)];
  const axis = normAxis(ctx.attrs.int("axis", 0), data.shape.length);
  if (axis === null) return [tensor(dtype, null)];
  const q = ind.shape.length;
  const out = [...data.shape.slice(0, axis), ...ind.shape, ...data.shape.slice(axis + 1)];
  const kd = knownTensor(data);
  const ki = knownIndices(ind);
  let value2;
  if (kd && ki) {
    const size = kd.shape[axis];
    value2 = buildValue(out, (idx) => {
      const k = wrapIndex(ki.value[flatIndex(idx.slice(axis, axis + q), ki.shape)], size);
      if (k === null) return null;
      return kd.value[flatIndex([...idx.slice(0, axis), k, ...idx.slice(axis + q)], kd.shape)];
    });
  }
  return [tensor(dtype, out, value2)];
}
function inferGatherElements(ctx) {
  const data = ctx.input(0);
  const ind = ctx.input(1);
  const dtype = data?.dtype ?? null;
  const shape = ind?.shape ?? null;
  const kd = knownTensor(data);
  const ki = knownIndices(ind);
  let value2;
  if (kd && ki && kd.shape.length === ki.shape.length) {
    const axis = normAxis(ctx.attrs.int("axis", 0), kd.shape.length);
    if (axis !== null) {
      value2 = buildValue(ki.shape, (idx) => {
        const k = wrapIndex(ki.value[flatIndex(idx, ki.shape)], kd.shape[axis]);
        if (k === null) return null;
        const src = [...idx];
        src[axis] = k;
        return kd.value[flatIndex(src, kd.shape)];
      });
    }
  }
  return [tensor(dtype, shape ? [...shape] : null, value2)];
}
function inferGatherND(ctx) {
  const data = ctx.input(0);
  const ind = ctx.input(1);
  const dtype = data?.dtype ?? null;
  const b = ctx.attrs.int("batch_dims", 0);
  if (!data?.shape || !ind?.shape || ind.shape.length < 1) return [tensor(dtype, null)];
  const q = ind.shape.length;
  const last = ind.shape[q - 1];
  if (typeof last !== "number" || b + last > data.shape.length) return [tensor(dtype, null)];
  const out = [...ind.shape.slice(0, q - 1), ...data.shape.slice(b + last)];
  const kd = knownTensor(data);
  const ki = knownIndices(ind);
  let value2;
  if (kd && ki) {
    value2 = buildValue(out, (idx) => {
      const src = idx.slice(0, b);
      for (let j = 0; j < last; j++) {
        const k = wrapIndex(ki.value[flatIndex([...idx.slice(0, q - 1), j], ki.shape)], kd.shape[b + j]);
        if (k === null) return null;
        src.push(k);
      }
      return kd.value[flatIndex([...src, ...idx.slice(q - 1)], kd.shape)];
    });
  }
  return [tensor(dtype, out, value2)];
}
function reduceElement(reduction, old, upd) {
  if (reduction === "none") return upd;
  if (typeof old !== "number" || typeof upd !== "number") return null;
  switch (reduction) {
    case "add":
      return old + upd;
    case "mul":
      return old * upd;
    case "max":
      return Math.max(old, upd);
    case "min":
      return Math.min(old, upd);
    default:
      return null;
  }
}
function scatterValue(data, updates, reduction, target) {
  const out = [...data.value];
  let ok = true;
  buildValue(updates.shape, (idx) => {
    const off = target(idx);
    if (off === null) ok = false;
    else out[off] = reduceElement(reduction, out[off], updates.value[flatIndex(idx, updates.shape)]);
    return null;
  });
  return ok ? out : void 0;
}
function inferScatterND(ctx) {
  const data = ctx.input(0);
  const kd = knownTensor(data);
  const ki = knownIndices(ctx.input(1));
  const ku = knownTensor(ctx.input(2));
  const reduction = ctx.attrs.string("reduction", "none");
  let value2;
  if (kd && ki && ku && ki.shape.length >= 1) {
    const q = ki.shape.length;
    const last = ki.shape[q - 1];
    value2 = scatterValue(kd, ku, reduction, (idx) => {
      const dst = [];
      for (let j = 0; j < last; j++) {
        const k = wrapIndex(ki.value[flatIndex([...idx.slice(0, q - 1), j], ki.shape)], kd.shape[j]);
        if (k === null) return null;
        dst.push(k);
      }
      return flatIndex([...dst, ...idx.slice(q - 1)], kd.shape);
    });
  }
  return [tensor(data?.dtype ?? null, data?.shape ?? null, value2)];
}
function inferScatterElements(ctx) {
  const data = ctx.input(0);
  const kd = knownTensor(data);
  const ki = knownIndices(ctx.input(1));
  const ku = knownTensor(ctx.input(2));
  const reduction = ctx.node.opType === "Scatter" ? "none" : ctx.attrs.string("reduction", "none");
  let value2;
  if (kd && ki && ku && ki.shape.length === kd.shape.length) {
    const axis = normAxis(ctx.attrs.int("axis", 0), kd.shape.length);
    if (axis !== null) {
      value2 = scatterValue(kd, ku, reduction, (idx) => {
        const k = wrapIndex(ki.value[flatIndex(idx, ki.shape)], kd.shape[axis]);
        if (k === null) return null;
        const dst = [...idx];
        dst[axis] = k;
        return flatIndex(dst, kd.shape);
      });
    }
  }
  return [tensor(data?.dtype ?? null, data?.shape ?? null, value2)];
}
function costScatterReduce(ctx) {
  if (ctx.attrs.string("reduction", "none") === "none") return ZERO_COST;
  const n = inputElements(ctx, 2);
  return n === null ? null : { macs: 0, flops: n, coreMacs: 0 };
}
function inferTensorScatter(ctx) {
  const past = ctx.input(0);
  return [tensor(past?.dtype ?? ctx.input(1)?.dtype ?? null, past?.shape ?? null)];
}
function inferCompress(ctx) {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  const cond = knownTensor(ctx.input(1));
  const axisAttr = ctx.attrs.int("axis");
  const flags = cond?.value.map((v) => typeof v === "number" ? v !== 0 : null) ?? null;
  const count = (len) => {
    if (!flags || typeof len !== "number") return null;
    const used = flags.slice(0, len);
    return used.includes(null) ? null : used.filter(Boolean).length;
  };
  if (axisAttr === void 0) {
    const n = x?.shape ? numel(x.shape) : null;
    const c = count(n);
    const kx2 = knownTensor(x);
    let value3;
    if (kx2 && flags && c !== null) value3 = kx2.value.filter((_, i) => flags[i] === true);
    return [tensor(dtype, [c], value3)];
  }
  if (!x?.shape) return [tensor(dtype, null)];
  const axis = normAxis(axisAttr, x.shape.length);
  if (axis === null) return [tensor(dtype, null)];
  const out = [...x.shape];
  out[axis] = count(x.shape[axis]);
  const kx = knownTensor(x);
  let value2;
  if (kx && flags && out[axis] !== null) {
    const kept = flags.flatMap((f, i) => f && i < kx.shape[axis] ? [i] : []);
    value2 = buildValue(out, (idx) => {
      const src = [...idx];
      src[axis] = kept[idx[axis]];
      return kx.value[flatIndex(src, kx.shape)];
    });
  }
  return [tensor(dtype, out, value2)];
}
function inferNonZero(ctx) {
  const x = ctx.input(0);
  if (!x?.shape) return [tensor("int64", [null, null])];
  const rank = x.shape.length;
  const kx = knownTensor(x);
  if (!kx || kx.value.some((v) => typeof v !== "number")) return [tensor("int64", [Math.max(rank, 1), null])];
  if (rank === 0) {
    const nz = kx.value[0] !== 0;
    return [tensor("int64", [1, nz ? 1 : 0], nz ? [0] : [])];
  }
  const coords = [];
  buildValue(kx.shape, (idx) => {
    if (kx.value[flatIndex(idx, kx.shape)] !== 0) coords.push([...idx]);
    return null;
  });
  const n = coords.length;
  return [tensor("int64", [rank, n], buildValue([rank, n], (idx) => coords[idx[1]][idx[0]]))];
}
function costNonZero(ctx) {
  const n = inputElements(ctx);
  return n === null ? null : { macs: 0, flops: n, coreMacs: 0 };
}
function topkK(ctx) {
  if (ctx.opset < 10) return ctx.attrs.int("k") ?? null;
  const k = scalarArg(ctx.input(1));
  return k === void 0 ? null : k;
}
function inferTopK(ctx) {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  if (!x?.shape) return [tensor(dtype, null), tensor("int64", null)];
  const axis = normAxis(ctx.attrs.int("axis", -1), x.shape.length);
  if (axis === null) return [tensor(dtype, null), tensor("int64", null)];
  const out = [...x.shape];
  out[axis] = topkK(ctx);
  return [tensor(dtype, out), tensor("int64", [...out])];
}
function costTopK(ctx) {
  const n = inputElements(ctx);
  const k = topkK(ctx);
  if (n === null || typeof k !== "number") return null;
  return { macs: 0, flops: n * Math.max(1, Math.ceil(Math.log2(Math.max(k, 1)))), coreMacs: 0 };
}
function compareLists(a, b) {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}
function uniqueSlices(slices, sorted) {
  const keyOf = (s) => s.join(",");
  const first = /* @__PURE__ */ new Map();
  slices.forEach((s, i) => {
    if (!first.has(keyOf(s))) first.set(keyOf(s), i);
  });
  let order = [...first.values()];
  if (sorted) order = order.sort((a, b) => compareLists(slices[a], slices[b]));
  const pos2 = new Map(order.map((i, p) => [keyOf(slices[i]), p]));
  const inverse = slices.map((s) => pos2.get(keyOf(s)));
  const counts = order.map(() => 0);
  for (const p of inverse) counts[p]++;
  return { order, inverse, counts };
}
function inferUnique(ctx) {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  const sorted = ctx.attrs.int("sorted", 1) === 1;
  const axisAttr = ctx.attrs.int("axis");
  const kx = knownTensor(x);
  const numeric = kx && kx.value.every((v) => typeof v === "number") ? kx.value : null;
  if (axisAttr === void 0) {
    const n = x?.shape ? numel(x.shape) : null;
    if (!kx || !numeric) {
      return [tensor(dtype, [null]), tensor("int64", [null]), tensor("int64", [n]), tensor("int64", [null])];
    }
    const u2 = uniqueSlices(numeric.map((v) => [v]), sorted);
    const m2 = u2.order.length;
    return [
      tensor(dtype, [m2], u2.order.map((i) => numeric[i])),
      tensor("int64", [m2], u2.order),
      tensor("int64", [numeric.length], u2.inverse),
      tensor("int64", [m2], u2.counts)
    ];
  }
  if (!x?.shape) return [tensor(dtype, null), tensor("int64", [null]), tensor("int64", [null]), tensor("int64", [null])];
  const axis = normAxis(axisAttr, x.shape.length);
  if (axis === null) return [tensor(dtype, null), tensor("int64", [null]), tensor("int64", [null]), tensor("int64", [null])];
  const yShape = [...x.shape];
  yShape[axis] = null;
  if (!kx || !numeric) {
    return [tensor(dtype, yShape), tensor("int64", [null]), tensor("int64", [x.shape[axis]]), tensor("int64", [null])];
  }
  const len = kx.shape[axis];
  const sliceShape = kx.shape.filter((_, i) => i !== axis);
  const slices = Array.from({ length: len }, (_, j) => {
    const s = [];
    buildValue(sliceShape, (idx) => {
      s.push(numeric[flatIndex([...idx.slice(0, axis), j, ...idx.slice(axis)], kx.shape)]);
      return null;
    });
    return s;
  });
  const u = uniqueSlices(slices, sorted);
  const m = u.order.length;
  const outShape = [...kx.shape];
  outShape[axis] = m;
  const y = buildValue(outShape, (idx) => numeric[flatIndex([...idx.slice(0, axis), u.order[idx[axis]], ...idx.slice(axis + 1)], kx.shape)]);
  return [
    tensor(dtype, outShape, y),
    tensor("int64", [m], u.order),
    tensor("int64", [len], u.inverse),
    tensor("int64", [m], u.counts)
  ];
}
function costUnique(ctx) {
  const n = inputElements(ctx);
  if (n === null) return null;
  return { macs: 0, flops: n > 1 ? n * Math.ceil(Math.log2(n)) : 0, coreMacs: 0 };
}
function inferOneHot(ctx) {
  const ind = ctx.input(0);
  const values = ctx.input(2);
  const dtype = values?.dtype ?? null;
  if (!ind?.shape) return [tensor(dtype, null)];
  const rank = ind.shape.length + 1;
  const axis = normAxis(ctx.attrs.int("axis", -1), rank);
  if (axis === null) return [tensor(dtype, null)];
  const d = scalarArg(ctx.input(1));
  const depth = typeof d === "number" ? Math.trunc(d) : null;
  const out = [...ind.shape.slice(0, axis), depth, ...ind.shape.slice(axis)];
  const ki = knownIndices(ind);
  const kv = knownTensor(values);
  let value2;
  if (ki && kv && kv.value.length === 2 && depth !== null) {
    value2 = buildValue(out, (idx) => {
      const raw = ki.value[flatIndex([...idx.slice(0, axis), ...idx.slice(axis + 1)], ki.shape)];
      const k = wrapIndex(Math.trunc(raw), depth);
      return kv.value[k === idx[axis] ? 1 : 0];
    });
  }
  return [tensor(dtype, out, value2)];
}
function inferNMS(ctx) {
  const max = scalarArg(ctx.input(2));
  if (!ctx.has(2) || max === 0) return [tensor("int64", [0, 3], [])];
  return [tensor("int64", [null, 3])];
}
var IOU_FLOPS = 19;
function costNMS(ctx) {
  const scores = ctx.input(1)?.shape;
  if (!scores || scores.length !== 3 || !isConcrete(scores)) return null;
  const [b, c, n] = scores;
  const sort = n > 1 ? n * Math.ceil(Math.log2(n)) : 0;
  const perClass = n + sort + IOU_FLOPS * n * (n - 1) / 2;
  return { macs: 0, flops: b * c * perClass, coreMacs: 0 };
}
var ops12 = [
  { opType: "Gather", infer: inferGather, cost: noCost },
  { opType: "GatherElements", infer: inferGatherElements, cost: noCost },
  { opType: "GatherND", infer: inferGatherND, cost: noCost },
  { opType: "ScatterND", infer: inferScatterND, cost: costScatterReduce },
  { opType: "ScatterElements", infer: inferScatterElements, cost: costScatterReduce },
  { opType: "Scatter", infer: inferScatterElements, cost: noCost },
  { opType: "TensorScatter", infer: inferTensorScatter, cost: noCost },
  { opType: "Compress", infer: inferCompress, cost: noCost },
  { opType: "NonZero", infer: inferNonZero, cost: costNonZero },
  { opType: "TopK", infer: inferTopK, cost: costTopK },
  { opType: "Unique", infer: inferUnique, cost: costUnique },
  { opType: "OneHot", infer: inferOneHot, cost: noCost },
  { opType: "NonMaxSuppression", infer: inferNMS, cost: costNMS }
];

// src/ops/slice-concat.ts
function divDim2(a, k) {
  if (k === 1) return a;
  return typeof a === "number" && a % k === 0 ? a / k : null;
}
function remapValue(x, outShape, src) {
  const k = knownTensor(x);
  if (!k) return void 0;
  return buildValue(outShape, (idx) => {
    const s = src(idx);
    return s === null ? null : k.value[flatIndex(s, k.shape)];
  });
}
function inferConcat(ctx) {
  const ins = ctx.inputs.map((_, i) => ctx.input(i));
  const dtype = ins.find((t) => t?.dtype)?.dtype ?? null;
  const ranked = ins.filter((t) => !!t && t.shape !== null);
  if (ranked.length === 0) return [tensor(dtype, null)];
  const rank = ranked[0].shape.length;
  const axis = normAxis(ctx.attrs.int("axis", 1), rank);
  if (axis === null || ranked.some((t) => t.shape.length !== rank)) return [tensor(dtype, null)];
  const out = [];
  for (let i = 0; i < rank; i++) {
    if (i === axis) continue;
    let d = null;
    for (const t of ranked) d = mergeDim(d, t.shape[i]);
    out.push(d);
  }
  let total = ranked.length === ins.length ? 0 : null;
  if (total !== null) for (const t of ranked) total = addDims(total, t.shape[axis]);
  out.splice(axis, 0, total);
  return [tensor(dtype, out, concatValue(ins, axis, out))];
}
function concatValue(ins, axis, out) {
  if (!isConcrete(out) || !ins.every((t) => t && isConcrete(t.shape))) return void 0;
  if (!ins.some((t) => t?.value)) return void 0;
  const starts = [];
  let acc = 0;
  for (const t of ins) {
    starts.push(acc);
    acc += t.shape[axis];
  }
  const value2 = buildValue(out, (idx) => {
    let j = ins.length - 1;
    while (j > 0 && starts[j] > idx[axis]) j--;
    const k = knownTensor(ins[j]);
    if (!k) return null;
    const src = [...idx];
    src[axis] -= starts[j];
    return k.value[flatIndex(src, k.shape)];
  });
  return hasKnownEntry(value2) ? value2 : void 0;
}
function splitSizes(ctx, dim, n) {
  const split2 = intsArg(ctx, 1, "split", 13);
  if (split2) return split2;
  if (split2 === null) {
    const v = dimValues(ctx.input(1));
    return v && v.length === n ? v : new Array(n).fill(null);
  }
  const parts = ctx.opset >= 18 ? ctx.attrs.int("num_outputs", n) : n;
  if (parts === 1) return [dim];
  if (typeof dim !== "number") return new Array(n).fill(null);
  const chunk = Math.ceil(dim / parts);
  const last = dim - chunk * (parts - 1);
  if (last < 0) return new Array(n).fill(null);
  return Array.from({ length: n }, (_, i) => i === parts - 1 ? last : chunk);
}
function inferSplit(ctx) {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  const n = ctx.node.outputs.length;
  if (!x?.shape) return new Array(n).fill(null).map(() => tensor(dtype, null));
  const axis = normAxis(ctx.attrs.int("axis", 0), x.shape.length);
  if (axis === null) return new Array(n).fill(null).map(() => tensor(dtype, null));
  const sizes = splitSizes(ctx, x.shape[axis], n);
  let offset = 0;
  return sizes.slice(0, n).map((size) => {
    const shape = [...x.shape];
    shape[axis] = size;
    const start = offset;
    offset = offset !== null && typeof size === "number" ? offset + size : null;
    const value2 = start === null ? void 0 : remapValue(x, shape, (idx) => {
      const s = [...idx];
      s[axis] += start;
      return s;
    });
    return tensor(dtype, shape, value2);
  });
}
var HUGE = 2 ** 52;
function sliceAxis(d, s, e, step) {
  if (step === 0) return { len: null, start: null, step };
  if (typeof d !== "number") {
    const toEnd = e === d || typeof e === "number" && e >= HUGE;
    if (step === 1 && s === 0 && toEnd) return { len: d, start: 0, step };
    return { len: null, start: null, step };
  }
  if (typeof s !== "number" || typeof e !== "number") return { len: null, start: null, step };
  let start = s < 0 ? s + d : s;
  let end = e < 0 ? e + d : e;
  if (step > 0) {
    start = Math.min(Math.max(start, 0), d);
    end = Math.min(Math.max(end, 0), d);
  } else {
    start = Math.min(Math.max(start, 0), d - 1);
    end = Math.min(Math.max(end, -1), d - 1);
  }
  const len = Math.max(0, Math.ceil((end - start) / step));
  return { len, start, step };
}
function sliceParams(ctx) {
  if (ctx.opset < 10) {
    const starts2 = ctx.attrs.ints("starts") ?? null;
    const ends2 = ctx.attrs.ints("ends") ?? null;
    return { starts: starts2, ends: ends2, axes: ctx.attrs.ints("axes") ?? void 0, steps: void 0 };
  }
  const starts = dimValues(ctx.input(1));
  const ends = dimValues(ctx.input(2));
  const axes = ctx.has(3) ? dimValues(ctx.input(3)) : void 0;
  const steps = ctx.has(4) ? dimValues(ctx.input(4)) : void 0;
  return { starts, ends, axes, steps };
}
function inferSlice(ctx) {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  if (!x?.shape) return [tensor(dtype, null)];
  const rank = x.shape.length;
  const { starts, ends, axes, steps } = sliceParams(ctx);
  const axesNum = axes === void 0 ? void 0 : axes && axes.every((a) => typeof a === "number") ? axes : null;
  const count = starts?.length ?? ends?.length ?? (ctx.opset >= 10 ? ctx.input(1)?.shape?.[0] : null);
  const defaultAxes = typeof count === "number" && count <= rank ? Array.from({ length: count }, (_, i) => i) : null;
  const normalized = axesNum === void 0 ? defaultAxes : axesNum && normAxes2(axesNum, rank);
  if (normalized === null || axesNum === null) {
    return [tensor(dtype, x.shape.map(() => null))];
  }
  const out = [...x.shape];
  const perAxis = new Array(rank).fill(null);
  normalized.forEach((axis, i) => {
    const step = steps === void 0 ? 1 : steps?.[i];
    if (!starts || !ends || typeof step !== "number") {
      out[axis] = null;
      perAxis[axis] = { len: null, start: null, step: 1 };
      return;
    }
    const a = sliceAxis(x.shape[axis], starts[i], ends[i], step);
    out[axis] = a.len;
    perAxis[axis] = a;
  });
  const known = perAxis.every((a) => a === null || a.start !== null);
  const value2 = known ? remapValue(x, out, (idx) => idx.map((v, i) => perAxis[i] ? perAxis[i].start + v * perAxis[i].step : v)) : void 0;
  return [tensor(dtype, out, value2)];
}
function inferPad(ctx) {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  if (!x?.shape) return [tensor(dtype, null)];
  const rank = x.shape.length;
  const pads = ctx.opset < 11 ? ctx.attrs.ints("pads") ?? ctx.attrs.ints("paddings") ?? null : dimValues(ctx.input(1)) ?? null;
  let axes = x.shape.map((_, i) => i);
  if (ctx.opset >= 18 && ctx.has(3)) {
    const a = dimValues(ctx.input(3));
    axes = a && a.every((v) => typeof v === "number") ? normAxes2(a, rank) : null;
  }
  if (pads === null || axes === null || pads.length !== 2 * axes.length) return [tensor(dtype, x.shape.map(() => null))];
  const out = [...x.shape];
  const begin = new Array(rank).fill(0);
  let numeric = true;
  axes.forEach((axis, i) => {
    const [b, e] = [pads[i], pads[i + axes.length]];
    if (typeof b !== "number" || typeof e !== "number") {
      out[axis] = null;
      numeric = false;
      return;
    }
    out[axis] = addDims(addDims(x.shape[axis], b), e);
    if (typeof out[axis] === "number" && out[axis] < 0) out[axis] = null;
    begin[axis] = b;
  });
  let value2;
  const mode = ctx.attrs.string("mode", "constant");
  if (numeric && mode === "constant" && x.value) {
    const fill = ctx.opset < 11 ? ctx.attrs.float("value", 0) : ctx.has(2) ? scalarArg(ctx.input(2)) : 0;
    const shape = x.shape;
    if (fill !== void 0 && isConcrete(shape)) {
      const k = knownTensor(x);
      value2 = k ? buildValue(out, (idx) => {
        const src = idx.map((v, i) => v - begin[i]);
        return src.every((v, i) => v >= 0 && v < shape[i]) ? k.value[flatIndex(src, shape)] : fill;
      }) : void 0;
    }
  }
  return [tensor(dtype, out, value2)];
}
function inferCenterCropPad(ctx) {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  if (!x?.shape) return [tensor(dtype, null)];
  const rank = x.shape.length;
  const attrAxes = ctx.attrs.ints("axes");
  const axes = attrAxes ? normAxes2(attrAxes, rank) : x.shape.map((_, i) => i);
  const target = dimValues(ctx.input(1));
  if (axes === null || target === null || target.length !== axes.length) {
    const out2 = [...x.shape];
    for (const a of axes ?? out2.map((_, i) => i)) out2[a] = null;
    return [tensor(dtype, out2)];
  }
  const out = [...x.shape];
  axes.forEach((a, i) => out[a] = target[i]);
  return [tensor(dtype, out)];
}
function inferTranspose(ctx) {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  if (!x?.shape) return [tensor(dtype, null)];
  const rank = x.shape.length;
  const perm = ctx.attrs.ints("perm") ?? x.shape.map((_, i) => rank - 1 - i);
  const norm = normAxes2(perm, rank);
  if (norm === null || norm.length !== rank) return [tensor(dtype, x.shape.map(() => null))];
  const out = norm.map((p) => x.shape[p]);
  const value2 = remapValue(x, out, (idx) => {
    const src = new Array(rank);
    norm.forEach((p, i) => src[p] = idx[i]);
    return src;
  });
  return [tensor(dtype, out, value2)];
}
function inferDepthToSpace(ctx) {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  const b = ctx.attrs.int("blocksize", 0);
  if (!x?.shape || x.shape.length !== 4 || b <= 0) return [tensor(dtype, x?.shape ? x.shape.map(() => null) : null)];
  const [n, c, h, w] = x.shape;
  return [tensor(dtype, [n, divDim2(c, b * b), mulDims(h, b), mulDims(w, b)])];
}
function inferSpaceToDepth(ctx) {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  const b = ctx.attrs.int("blocksize", 0);
  if (!x?.shape || x.shape.length !== 4 || b <= 0) return [tensor(dtype, x?.shape ? x.shape.map(() => null) : null)];
  const [n, c, h, w] = x.shape;
  return [tensor(dtype, [n, mulDims(c, b * b), divDim2(h, b), divDim2(w, b)])];
}
function inferSameShape(ctx) {
  const x = ctx.input(0);
  return [tensor(x?.dtype ?? null, x?.shape ? [...x.shape] : null)];
}
var ops13 = [
  { opType: "Concat", infer: inferConcat, cost: noCost },
  { opType: "Split", infer: inferSplit, cost: noCost },
  { opType: "Slice", infer: inferSlice, cost: noCost },
  { opType: "Pad", infer: inferPad, cost: noCost },
  { opType: "CenterCropPad", infer: inferCenterCropPad, cost: noCost },
  { opType: "Transpose", infer: inferTranspose, cost: noCost },
  { opType: "DepthToSpace", infer: inferDepthToSpace, cost: noCost },
  { opType: "SpaceToDepth", infer: inferSpaceToDepth, cost: noCost },
  { opType: "ReverseSequence", infer: inferSameShape, cost: noCost }
];

// src/ops/resize.ts
function scaleDim(d, scale) {
  if (scale === 1) return d;
  if (typeof d !== "number" || typeof scale !== "number") return null;
  const exact = Math.floor(d * scale);
  const single = Math.floor(Math.fround(Math.fround(scale) * d));
  return exact === single ? exact : null;
}
function sizesDims(input, axes, sizes, policy) {
  const out = [...input];
  if (policy === "stretch") {
    axes.forEach((a, i) => out[a] = sizes[i]);
    return out;
  }
  const ratios = [];
  for (let i = 0; i < axes.length; i++) {
    const [s, d] = [sizes[i], input[axes[i]]];
    if (typeof s !== "number" || typeof d !== "number" || d === 0) {
      for (const a of axes) out[a] = null;
      return out;
    }
    ratios.push(s / d);
  }
  const scale = policy === "not_larger" ? Math.min(...ratios) : Math.max(...ratios);
  for (const a of axes) out[a] = Math.floor(scale * input[a] + 0.5);
  return out;
}
function resizeArg(ctx, i) {
  if (!ctx.has(i)) return void 0;
  const t = ctx.input(i);
  if (t?.shape?.length === 1 && t.shape[0] === 0) return "empty";
  const v = dimValues(t);
  if (v && v.length === 0) return "empty";
  return v;
}
function fullRoiAxes(ctx, n) {
  const all = new Array(n).fill(true);
  if (ctx.opset < 11 || ctx.attrs.string("coordinate_transformation_mode", "half_pixel") !== "tf_crop_and_resize") return all;
  const roi = dimValues(ctx.input(1));
  if (!roi || roi.length !== 2 * n) return all.map(() => false);
  return all.map((_, i) => roi[i] === 0 && roi[i + n] === 1);
}
function inferResize(ctx) {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  if (!x?.shape) return [tensor(dtype, null)];
  const rank = x.shape.length;
  const attrAxes = ctx.opset >= 18 ? ctx.attrs.ints("axes") : void 0;
  const axes = attrAxes ? normAxes2(attrAxes, rank) : x.shape.map((_, i) => i);
  if (axes === null) return [tensor(dtype, x.shape.map(() => null))];
  const scales = resizeArg(ctx, ctx.opset < 11 ? 1 : 2);
  const sizes = ctx.opset < 11 ? void 0 : resizeArg(ctx, 3);
  const unknownOnAxes = () => {
    const out = [...x.shape];
    for (const a of axes) out[a] = null;
    return [tensor(dtype, out)];
  };
  if (Array.isArray(scales)) {
    if (scales.length !== axes.length) return unknownOnAxes();
    const out = [...x.shape];
    const fullRoi = fullRoiAxes(ctx, axes.length);
    axes.forEach((a, i) => out[a] = fullRoi[i] ? scaleDim(out[a], scales[i]) : null);
    return [tensor(dtype, out)];
  }
  if (Array.isArray(sizes)) {
    if (sizes.length !== axes.length) return unknownOnAxes();
    const policy = ctx.opset >= 18 ? ctx.attrs.string("keep_aspect_ratio_policy", "stretch") : "stretch";
    return [tensor(dtype, sizesDims(x.shape, axes, sizes, policy))];
  }
  return unknownOnAxes();
}
function upsampleScales(ctx, rank) {
  if (ctx.opset >= 9 || ctx.has(1)) return dimValues(ctx.input(1));
  const s = ctx.attrs.floats("scales") ?? ctx.attrs.ints("scales");
  if (s) return s;
  const h = ctx.attrs.float("height_scale");
  const w = ctx.attrs.float("width_scale");
  if (h === void 0 || w === void 0 || rank !== 4) return null;
  return [1, 1, h, w];
}
function inferUpsample(ctx) {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  if (!x?.shape) return [tensor(dtype, null)];
  const scales = upsampleScales(ctx, x.shape.length);
  if (scales === null || scales.length !== x.shape.length) return [tensor(dtype, x.shape.map(() => null))];
  return [tensor(dtype, x.shape.map((d, i) => scaleDim(d, scales[i])))];
}
function modeTaps(mode) {
  if (mode === "linear" || mode === "bilinear") return 2;
  if (mode === "cubic" || mode === "bicubic") return 4;
  return 0;
}
function interpolationFlops(taps) {
  let flops3 = 0;
  let lines = 1;
  for (const t of taps) {
    flops3 += (2 * t - 1) * lines;
    lines *= t;
  }
  return flops3;
}
function costResize(ctx) {
  const x = ctx.input(0)?.shape;
  const y = ctx.output(0)?.shape;
  if (!x || !y || !isConcrete(y) || x.length !== y.length) return null;
  const n = numel(y);
  const base = modeTaps(ctx.attrs.string("mode", "nearest"));
  if (base === 0 || n === 0) return { macs: 0, flops: 0, coreMacs: 0 };
  const antialias = ctx.opset >= 18 && ctx.attrs.int("antialias", 0) === 1;
  const taps = [];
  for (let i = 0; i < y.length; i++) {
    if (x[i] === y[i]) continue;
    const d = x[i];
    if (typeof d !== "number") return null;
    taps.push(antialias && d > y[i] ? base * Math.ceil(d / Math.max(y[i], 1)) : base);
  }
  return { macs: 0, flops: n * interpolationFlops(taps), coreMacs: 0 };
}
function inferGridSample(ctx) {
  const x = ctx.input(0);
  const grid = ctx.input(1);
  const dtype = x?.dtype ?? null;
  const gs = grid?.shape;
  if (!gs || gs.length < 3) {
    return [tensor(dtype, x?.shape ? [x.shape[0], x.shape[1], ...x.shape.slice(2).map(() => null)] : null)];
  }
  const n = x?.shape?.[0] ?? gs[0];
  const c = x?.shape?.[1] ?? null;
  return [tensor(dtype, [n, c, ...gs.slice(1, gs.length - 1)])];
}
var UNNORMALISE_FLOPS = 3;
function costGridSample(ctx) {
  const y = ctx.output(0)?.shape;
  if (!y || !isConcrete(y) || y.length < 3) return null;
  const r = y.length - 2;
  const t = modeTaps(ctx.attrs.string("mode", ctx.opset >= 20 ? "linear" : "bilinear"));
  const points = y[0] * numel(y.slice(2));
  const interp = t === 0 ? 0 : numel(y) * interpolationFlops(new Array(r).fill(t));
  return { macs: 0, flops: interp + points * r * UNNORMALISE_FLOPS, coreMacs: 0 };
}
function inferAffineGrid(ctx) {
  const theta = ctx.input(0);
  const dtype = theta?.dtype ?? null;
  const size = dimValues(ctx.input(1));
  const thetaRows = theta?.shape?.length === 3 ? theta.shape[1] : null;
  const fromTheta = thetaRows === 2 ? 4 : thetaRows === 3 ? 5 : null;
  const sizeLen = size?.length ?? ctx.input(1)?.shape?.[0] ?? fromTheta;
  if (typeof sizeLen !== "number" || sizeLen !== 4 && sizeLen !== 5) return [tensor(dtype, null)];
  const k = sizeLen - 2;
  const dims2 = size ? size.slice(2) : new Array(k).fill(null);
  const n = size?.[0] ?? theta?.shape?.[0] ?? null;
  return [tensor(dtype, [n, ...dims2, k])];
}
function costAffineGrid(ctx) {
  const y = ctx.output(0)?.shape;
  if (!y || !isConcrete(y)) return null;
  const k = y[y.length - 1];
  const points = numel(y.slice(0, -1));
  return macCost(points * k * (k + 1));
}
var ops14 = [
  { opType: "Resize", infer: inferResize, cost: costResize },
  { opType: "Upsample", infer: inferUpsample, cost: costResize },
  { opType: "GridSample", infer: inferGridSample, cost: costGridSample },
  { opType: "AffineGrid", infer: inferAffineGrid, cost: costAffineGrid }
];

// src/ops/sequence.ts
function unifyTensors(items) {
  if (items.length === 0) return null;
  const dtype = items.find((t) => t?.dtype)?.dtype ?? null;
  const shapes = items.map((t) => t?.shape ?? null);
  if (shapes.some((s) => s === null)) return tensor(dtype, null);
  const rank = shapes[0].length;
  if (shapes.some((s) => s.length !== rank)) return tensor(dtype, null);
  const dims2 = shapes[0].map((d, i) => shapes.every((s) => s[i] === d) ? d : null);
  return tensor(dtype, dims2);
}
function sequenceOf(items, dtype = null) {
  return { kind: "sequence", elem: unifyTensors(items) ?? tensor(dtype, null), items };
}
function seqInput(ctx, i) {
  const v = ctx.inputs[i];
  return v && v.kind === "sequence" ? v : void 0;
}
function position(ctx, i, len, fallback, insert = false) {
  if (!ctx.has(i)) return fallback;
  const p = scalarArg(ctx.input(i));
  if (typeof p !== "number") return null;
  const v = p < 0 ? p + len : p;
  return v >= 0 && v <= (insert ? len : len - 1) ? v : null;
}
function inferSequenceConstruct(ctx) {
  const ins = ctx.inputs.map((_, i) => ctx.input(i));
  if (ins.every((t) => !!t)) return [sequenceOf(ins)];
  const dtype = ins.find((t) => t?.dtype)?.dtype ?? null;
  return [{ kind: "sequence", elem: tensor(dtype, null) }];
}
function inferSequenceEmpty(ctx) {
  const code2 = ctx.attrs.int("dtype");
  const dtype = code2 === void 0 ? "float32" : dtypeFromCode(code2);
  return [{ kind: "sequence", elem: tensor(dtype, null), items: [] }];
}
function inferSequenceAt(ctx) {
  const s = seqInput(ctx, 0);
  if (!s) return [null];
  if (s.items) {
    const p = position(ctx, 1, s.items.length, -1);
    if (p !== null) return [s.items[p]];
  }
  return [s.elem];
}
function inferSequenceInsert(ctx) {
  const s = seqInput(ctx, 0);
  const t = ctx.input(1);
  if (s?.items && t) {
    const p = position(ctx, 2, s.items.length, s.items.length, true);
    if (p !== null) {
      const items = [...s.items];
      items.splice(p, 0, t);
      return [sequenceOf(items)];
    }
  }
  const elem = s?.items?.length === 0 ? t ?? null : unifyTensors([s?.elem, t]);
  return [{ kind: "sequence", elem }];
}
function inferSequenceErase(ctx) {
  const s = seqInput(ctx, 0);
  if (!s) return [null];
  if (s.items) {
    const p = position(ctx, 1, s.items.length, s.items.length - 1);
    if (p !== null) {
      const items = s.items.filter((_, i) => i !== p);
      return [sequenceOf(items, s.elem?.dtype ?? null)];
    }
  }
  return [{ kind: "sequence", elem: s.elem }];
}
function inferSequenceLength(ctx) {
  const s = seqInput(ctx, 0);
  return [tensor("int64", [], s?.items ? [s.items.length] : void 0)];
}
function splitLengths(ctx, dim) {
  if (!ctx.has(1)) return typeof dim === "number" ? new Array(dim).fill(1) : null;
  const t = ctx.input(1);
  if (t?.shape?.length === 0) {
    const s = scalarArg(t);
    if (typeof s !== "number" || s <= 0 || typeof dim !== "number") return null;
    const n = Math.ceil(dim / s);
    return Array.from({ length: n }, (_, i) => i === n - 1 ? dim - s * (n - 1) : s);
  }
  return dimValues(t);
}
function inferSplitToSequence(ctx) {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  if (!x?.shape) return [{ kind: "sequence", elem: tensor(dtype, null) }];
  const axis = normAxis(ctx.attrs.int("axis", 0), x.shape.length);
  if (axis === null) return [{ kind: "sequence", elem: tensor(dtype, null) }];
  const drop = !ctx.has(1) && ctx.attrs.int("keepdims", 1) === 0;
  const itemShape = (len) => {
    const s = [...x.shape];
    if (drop) s.splice(axis, 1);
    else s[axis] = len;
    return s;
  };
  const lengths = splitLengths(ctx, x.shape[axis]);
  if (lengths === null) {
    const len = ctx.has(1) ? null : 1;
    return [{ kind: "sequence", elem: tensor(dtype, itemShape(len)) }];
  }
  return [sequenceOf(lengths.map((len) => tensor(dtype, itemShape(len))), dtype)];
}
function inferConcatFromSequence(ctx) {
  const s = seqInput(ctx, 0);
  const newAxis = ctx.attrs.int("new_axis", 0) === 1;
  const axisAttr = ctx.attrs.int("axis", 0);
  const elem = s?.elem ?? null;
  const dtype = elem?.dtype ?? s?.items?.find((t) => t.dtype)?.dtype ?? null;
  const ref = s?.items ? unifyTensors(s.items) : elem;
  if (!ref?.shape) return [tensor(dtype, null)];
  const rank = ref.shape.length;
  const axis = normAxis(axisAttr, newAxis ? rank + 1 : rank);
  if (axis === null) return [tensor(dtype, null)];
  const out = [...ref.shape];
  if (newAxis) {
    out.splice(axis, 0, s?.items ? s.items.length : null);
    return [tensor(dtype, out)];
  }
  let total = null;
  if (s?.items) {
    total = 0;
    for (const t of s.items) total = addDims(total, t.shape?.[axis] ?? null);
  }
  out[axis] = total;
  return [tensor(dtype, out)];
}
function sampleInputs(ctx, i) {
  return ctx.inputs.map((v) => {
    if (!v || v.kind !== "sequence") return v ?? null;
    return i !== null && v.items ? v.items[i] ?? null : v.elem;
  });
}
function mapLength(ctx) {
  return seqInput(ctx, 0)?.items?.length ?? null;
}
function inferSequenceMap(ctx) {
  const body = ctx.attrs.graph("body");
  const nOut = ctx.node.outputs.length;
  if (!body) return new Array(nOut).fill(null);
  const n = mapLength(ctx);
  if (n === null) {
    const r = ctx.subgraph(body, sampleInputs(ctx, null));
    return Array.from({ length: nOut }, (_, j) => {
      const o = r.outputs[j];
      return { kind: "sequence", elem: o && o.kind === "tensor" ? o : null };
    });
  }
  const runs = Array.from({ length: n }, (_, i) => ctx.subgraph(body, sampleInputs(ctx, i)).outputs);
  return Array.from({ length: nOut }, (_, j) => {
    const items = runs.map((outs) => outs[j]);
    if (items.every((t) => !!t && t.kind === "tensor")) return sequenceOf(items);
    return { kind: "sequence", elem: null };
  });
}
function costSequenceMap(ctx) {
  const body = ctx.attrs.graph("body");
  const n = mapLength(ctx);
  if (!body || n === null) return null;
  let total = ZERO_COST;
  for (let i = 0; i < n; i++) {
    const c = ctx.subgraph(body, sampleInputs(ctx, i)).cost;
    if (!c) return null;
    total = addCosts(total, c);
  }
  return total;
}
function inferOptional(ctx) {
  if (ctx.has(0)) return [{ kind: "optional", elem: ctx.inputs[0] ?? null, present: true }];
  const type = ctx.attrs.typeProto("type");
  return [{ kind: "optional", elem: infoFromType(type ?? null), present: false }];
}
function hasElement(ctx) {
  if (!ctx.has(0)) return false;
  const v = ctx.inputs[0];
  if (!v) return null;
  if (v.kind === "optional") return v.present ?? null;
  return true;
}
function inferOptionalHasElement(ctx) {
  const h = hasElement(ctx);
  return [tensor("bool", [], h === null ? void 0 : [h ? 1 : 0])];
}
function inferOptionalGetElement(ctx) {
  const v = ctx.inputs[0];
  if (!v) return [null];
  return [v.kind === "optional" ? v.elem : v];
}
var ops15 = [
  { opType: "SequenceConstruct", infer: inferSequenceConstruct, cost: noCost },
  { opType: "SequenceEmpty", infer: inferSequenceEmpty, cost: noCost },
  { opType: "SequenceAt", infer: inferSequenceAt, cost: noCost },
  { opType: "SequenceInsert", infer: inferSequenceInsert, cost: noCost },
  { opType: "SequenceErase", infer: inferSequenceErase, cost: noCost },
  { opType: "SequenceLength", infer: inferSequenceLength, cost: noCost },
  { opType: "SplitToSequence", infer: inferSplitToSequence, cost: noCost },
  { opType: "ConcatFromSequence", infer: inferConcatFromSequence, cost: noCost },
  { opType: "SequenceMap", infer: inferSequenceMap, cost: costSequenceMap },
  { opType: "Optional", infer: inferOptional, cost: noCost },
  { opType: "OptionalHasElement", infer: inferOptionalHasElement, cost: noCost },
  { opType: "OptionalGetElement", infer: inferOptionalGetElement, cost: noCost }
];

// src/ops/misc.ts
function dtypeAttr(ctx, name, fallback) {
  const code2 = ctx.attrs.int(name);
  return code2 === void 0 ? fallback : dtypeFromCode(code2);
}
function flops2(n) {
  return { macs: 0, flops: n, coreMacs: 0 };
}
function inferRandom(ctx) {
  const shape = ctx.attrs.ints("shape");
  return [tensor(dtypeAttr(ctx, "dtype", "float32"), shape ? [...shape] : null)];
}
function inferRandomLike(ctx) {
  const x = ctx.input(0);
  return [tensor(dtypeAttr(ctx, "dtype", x?.dtype ?? null), x?.shape ? [...x.shape] : null)];
}
function inferMultinomial(ctx) {
  const x = ctx.input(0);
  const batch = x?.shape?.length === 2 ? x.shape[0] : null;
  return [tensor(dtypeAttr(ctx, "dtype", "int32"), [batch, ctx.attrs.int("sample_size", 1)])];
}
function costMultinomial(ctx) {
  const x = ctx.input(0)?.shape;
  if (!x || x.length !== 2 || !isConcrete(x)) return null;
  const [b, c] = x;
  const s = ctx.attrs.int("sample_size", 1);
  return flops2(b * (2 * c + s * Math.ceil(Math.log2(Math.max(c, 1)))));
}
function inferWindow(ctx) {
  const size = scalarArg(ctx.input(0));
  const n = size === void 0 ? null : typeof size === "number" ? Math.trunc(size) : size;
  return [tensor(dtypeAttr(ctx, "output_datatype", "float32"), [n])];
}
function fftFlops(n) {
  return n > 1 ? Math.round(5 * n * Math.log2(n)) : 0;
}
function dftAxis(ctx, rank) {
  if (ctx.opset >= 20) {
    const a = ctx.has(2) ? scalarArg(ctx.input(2)) : -2;
    return typeof a === "number" ? normAxis(a, rank) : null;
  }
  return normAxis(ctx.attrs.int("axis", 1), rank);
}
function dftLength(ctx, d, irfft) {
  if (ctx.has(1)) {
    const v = scalarArg(ctx.input(1));
    return v === void 0 ? null : v;
  }
  if (!irfft) return d;
  return typeof d === "number" ? 2 * (d - 1) : null;
}
function inferDFT(ctx) {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  if (!x?.shape || x.shape.length < 2) return [tensor(dtype, null)];
  const rank = x.shape.length;
  const axis = dftAxis(ctx, rank);
  const onesided = ctx.attrs.int("onesided", 0) === 1;
  const inverse = ctx.attrs.int("inverse", 0) === 1;
  const irfft = ctx.opset >= 20 && onesided && inverse;
  const out = [...x.shape];
  out[rank - 1] = irfft ? 1 : 2;
  if (axis === null || axis === rank - 1) return [tensor(dtype, out.map((d, i) => i === rank - 1 ? d : null))];
  const n = dftLength(ctx, x.shape[axis], irfft);
  out[axis] = onesided && !irfft ? typeof n === "number" ? Math.floor(n / 2) + 1 : null : n;
  return [tensor(dtype, out)];
}
function costDFT(ctx) {
  const x = ctx.input(0)?.shape;
  const y = ctx.output(0)?.shape;
  if (!x || !y || !isConcrete(y)) return null;
  const rank = y.length;
  const axis = dftAxis(ctx, rank);
  if (axis === null) return null;
  const onesided = ctx.attrs.int("onesided", 0) === 1;
  const irfft = ctx.opset >= 20 && onesided && ctx.attrs.int("inverse", 0) === 1;
  const n = dftLength(ctx, x[axis], irfft);
  if (typeof n !== "number") return null;
  const transforms = numel(y.filter((_, i) => i !== axis && i !== rank - 1));
  return flops2(transforms * fftFlops(n));
}
function stftFrameLength(ctx) {
  if (ctx.has(3)) {
    const v = scalarArg(ctx.input(3));
    return v === void 0 ? null : v;
  }
  return ctx.has(2) ? ctx.input(2)?.shape?.[0] ?? null : null;
}
function inferSTFT(ctx) {
  const x = ctx.input(0);
  const dtype = x?.dtype ?? null;
  const batch = x?.shape?.[0] ?? null;
  const len = x?.shape?.[1] ?? null;
  const step = scalarArg(ctx.input(1));
  const frame = stftFrameLength(ctx);
  const frames = typeof len === "number" && typeof step === "number" && typeof frame === "number" && step > 0 ? Math.floor((len - frame) / step) + 1 : null;
  const onesided = ctx.attrs.int("onesided", 1) === 1;
  const bins = typeof frame === "number" ? onesided ? Math.floor(frame / 2) + 1 : frame : null;
  return [tensor(dtype, [batch, frames, bins, 2])];
}
function costSTFT(ctx) {
  const y = ctx.output(0)?.shape;
  const frame = stftFrameLength(ctx);
  if (!y || typeof y[0] !== "number" || typeof y[1] !== "number" || typeof frame !== "number") return null;
  const perFrame = fftFlops(frame) + (ctx.has(2) ? frame : 0);
  return flops2(y[0] * y[1] * perFrame);
}
function inferMelWeightMatrix(ctx) {
  const bins = scalarArg(ctx.input(0));
  const dft = scalarArg(ctx.input(1));
  const rows = typeof dft === "number" ? Math.floor(dft / 2) + 1 : null;
  return [tensor(dtypeAttr(ctx, "output_datatype", "float32"), [rows, bins ?? null])];
}
function inferStringNormalizer(ctx) {
  const x = ctx.input(0);
  if (!x?.shape) return [tensor("string", null)];
  const stop = ctx.attrs.strings("stopwords") ?? [];
  if (stop.length === 0) return [tensor("string", [...x.shape])];
  return [tensor("string", x.shape.length === 2 ? [1, null] : [null])];
}
function inferTfIdf(ctx) {
  const x = ctx.input(0);
  const idx = ctx.attrs.ints("ngram_indexes") ?? [];
  const k = idx.length > 0 ? Math.max(...idx) + 1 : null;
  if (!x?.shape) return [tensor("float32", null)];
  return [tensor("float32", x.shape.length === 2 ? [x.shape[0], k] : [k])];
}
function costTfIdf(ctx) {
  const n = inputElements(ctx);
  const out = outputElements(ctx);
  if (n === null || out === null) return null;
  const grams = Math.max(0, ctx.attrs.int("max_gram_length", 0) - ctx.attrs.int("min_gram_length", 0) + 1);
  const skips = ctx.attrs.int("max_skip_count", 0) + 1;
  const weighted = ctx.attrs.string("mode", "TF") === "TF" ? 0 : out;
  return flops2(n * grams * skips + weighted);
}
function inferRegexFullMatch(ctx) {
  const x = ctx.input(0);
  return [tensor("bool", x?.shape ? [...x.shape] : null)];
}
function inferStringConcat(ctx) {
  return [tensor("string", broadcast(ctx.input(0)?.shape ?? null, ctx.input(1)?.shape ?? null))];
}
function inferStringSplit(ctx) {
  const x = ctx.input(0);
  if (!x?.shape) return [tensor("string", null), tensor("int64", null)];
  return [tensor("string", [...x.shape, null]), tensor("int64", [...x.shape])];
}
function inferImageDecoder(ctx) {
  const format = ctx.attrs.string("pixel_format", "RGB");
  return [tensor("uint8", [null, null, format === "Grayscale" ? 1 : 3])];
}
var ops16 = [
  { opType: "RandomUniform", infer: inferRandom, cost: perElementCost(2) },
  { opType: "RandomNormal", infer: inferRandom, cost: perElementCost(8) },
  { opType: "RandomUniformLike", infer: inferRandomLike, cost: perElementCost(2) },
  { opType: "RandomNormalLike", infer: inferRandomLike, cost: perElementCost(8) },
  { opType: "Bernoulli", infer: inferRandomLike, cost: perElementCost(1) },
  { opType: "Multinomial", infer: inferMultinomial, cost: costMultinomial },
  { opType: "HannWindow", infer: inferWindow, cost: perElementCost(5) },
  { opType: "HammingWindow", infer: inferWindow, cost: perElementCost(5) },
  { opType: "BlackmanWindow", infer: inferWindow, cost: perElementCost(10) },
  { opType: "DFT", infer: inferDFT, cost: costDFT },
  { opType: "STFT", infer: inferSTFT, cost: costSTFT },
  { opType: "MelWeightMatrix", infer: inferMelWeightMatrix, cost: perElementCost(4) },
  { opType: "StringNormalizer", infer: inferStringNormalizer, cost: noCost },
  { opType: "TfIdfVectorizer", infer: inferTfIdf, cost: costTfIdf },
  { opType: "RegexFullMatch", infer: inferRegexFullMatch, cost: noCost },
  { opType: "StringConcat", infer: inferStringConcat, cost: noCost },
  { opType: "StringSplit", infer: inferStringSplit, cost: noCost },
  { opType: "ImageDecoder", infer: inferImageDecoder, cost: noCost }
];

// src/ops/control-flow.ts
function mergeInfo(a, b) {
  if (!a || !b || a.kind !== b.kind) return null;
  if (a.kind === "sequence" && b.kind === "sequence") {
    const elem = mergeInfo(a.elem, b.elem);
    const out = { kind: "sequence", elem: elem && elem.kind === "tensor" ? elem : null };
    if (a.items && b.items && a.items.length === b.items.length) {
      const items = a.items.map((t, i) => mergeInfo(t, b.items[i]));
      if (items.every((t) => !!t && t.kind === "tensor")) out.items = items;
    }
    return out;
  }
  if (a.kind === "optional" && b.kind === "optional") {
    const out = { kind: "optional", elem: mergeInfo(a.elem, b.elem) };
    if (a.present !== void 0 && a.present === b.present) out.present = a.present;
    return out;
  }
  if (a.kind !== "tensor" || b.kind !== "tensor") return null;
  const dtype = a.dtype === b.dtype ? a.dtype : a.dtype ?? b.dtype;
  let shape = null;
  if (a.shape && b.shape && a.shape.length === b.shape.length) {
    shape = a.shape.map((d, i) => d === b.shape[i] ? d : null);
  }
  return tensor(dtype, shape);
}
function sameShape2(a, b) {
  if (!a || !b) return a === b;
  if (a.kind === "sequence" && b.kind === "sequence") {
    if (!sameShape2(a.elem, b.elem)) return false;
    if (!a.items || !b.items) return a.items === b.items;
    return a.items.length === b.items.length && a.items.every((t, i) => sameShape2(t, b.items[i]));
  }
  if (a.kind === "optional" && b.kind === "optional") return a.present === b.present && sameShape2(a.elem, b.elem);
  if (a.kind !== "tensor" || b.kind !== "tensor") return false;
  if (a.shape === null || b.shape === null) return a.shape === b.shape;
  return a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
}
function dearer(a, b) {
  return b.flops > a.flops ? b : a;
}
function ifBranches(ctx) {
  const cond = knownInts(ctx.input(0));
  const taken = cond && cond.length === 1 ? cond[0] !== 0 : null;
  const thenG = ctx.attrs.graph("then_branch");
  const elseG = ctx.attrs.graph("else_branch");
  return {
    then: thenG && taken !== false ? ctx.subgraph(thenG, []) : void 0,
    else: elseG && taken !== true ? ctx.subgraph(elseG, []) : void 0,
    taken
  };
}
var ifOp = {
  opType: "If",
  infer(ctx) {
    const b = ifBranches(ctx);
    if (b.taken === true) return b.then?.outputs ?? [];
    if (b.taken === false) return b.else?.outputs ?? [];
    const t = b.then?.outputs ?? [];
    const e = b.else?.outputs ?? [];
    return ctx.node.outputs.map((_, i) => mergeInfo(t[i] ?? null, e[i] ?? null));
  },
  cost(ctx) {
    const b = ifBranches(ctx);
    if (b.taken === true) return b.then?.cost ?? null;
    if (b.taken === false) return b.else?.cost ?? null;
    if (!b.then || !b.else) return null;
    if (b.then.cost.flops !== b.else.cost.flops) ctx.warn("condition not known statically: costed as the dearer branch");
    return dearer(b.then.cost, b.else.cost);
  }
};
var UNROLL_LIMIT = 64;
function runLoop(ctx) {
  const body = ctx.attrs.graph("body");
  if (!body) return null;
  const m = ctx.has(0) ? knownInts(ctx.input(0)) : null;
  const maxTrips = m && m.length === 1 ? m[0] : null;
  const condGiven = ctx.has(1);
  const condValue = condGiven ? knownInts(ctx.input(1)) : null;
  const carriedCount = ctx.node.inputs.length - 2;
  const initial = [];
  for (let i = 0; i < carriedCount; i++) initial.push(ctx.inputs[i + 2] ?? null);
  if (maxTrips !== null && maxTrips >= 0 && maxTrips <= UNROLL_LIMIT) {
    const unrolled = unrollLoop(ctx, body, maxTrips, condGiven ? condValue?.[0] ?? null : 1, initial);
    if (unrolled) return unrolled;
  }
  let carried = initial;
  let result = ctx.subgraph(body, [tensor("int64", []), tensor("bool", []), ...carried]);
  const next = result.outputs.slice(1, 1 + carriedCount);
  if (!next.every((o, i) => sameShape2(o, carried[i]))) {
    carried = carried.map((c, i) => mergeInfo(c, next[i] ?? null));
    result = ctx.subgraph(body, [tensor("int64", []), tensor("bool", []), ...carried]);
    const again = result.outputs.slice(1, 1 + carriedCount);
    result = { ...result, outputs: [result.outputs[0], ...again.map((o, i) => mergeInfo(o, carried[i]))] };
  }
  const condFalse = condValue && condValue.length === 1 && condValue[0] === 0;
  const trips = condFalse ? 0 : !condGiven ? maxTrips : null;
  const scans = result.outputs.slice(1 + carriedCount).map((o) => {
    if (!o || o.kind !== "tensor") return null;
    return tensor(o.dtype, o.shape ? [trips, ...o.shape] : null);
  });
  return { outputs: [...result.outputs.slice(1, 1 + carriedCount), ...scans], cost: result.cost, trips, costTrips: condFalse ? 0 : maxTrips };
}
function unrollLoop(ctx, body, maxTrips, cond, initial) {
  const carriedCount = initial.length;
  let carried = initial;
  let keepGoing = cond;
  let total = { macs: 0, flops: 0, coreMacs: 0 };
  const scanItems = [];
  let trips = 0;
  for (let i = 0; i < maxTrips; i++) {
    if (keepGoing === null) return null;
    if (keepGoing === 0) break;
    const r = ctx.subgraph(body, [tensor("int64", [], [i]), tensor("bool", [], [keepGoing]), ...carried]);
    total = addCosts(total, r.cost);
    trips++;
    const c = knownInts(r.outputs[0]);
    keepGoing = c && c.length === 1 ? c[0] ? 1 : 0 : null;
    carried = r.outputs.slice(1, 1 + carriedCount);
    scanItems.push(r.outputs.slice(1 + carriedCount));
  }
  const scanCount = body.outputs.length - 1 - carriedCount;
  const scans = [];
  for (let k = 0; k < scanCount; k++) {
    const items = scanItems.map((it) => it[k] ?? null);
    let elem = items[0] ?? null;
    for (const it of items.slice(1)) elem = mergeInfo(elem, it);
    if (trips === 0) {
      scans.push(null);
      continue;
    }
    scans.push(elem && elem.kind === "tensor" ? tensor(elem.dtype, elem.shape ? [trips, ...elem.shape] : null) : null);
  }
  return { outputs: [...carried, ...scans], cost: total, trips, costTrips: trips, unrolled: true };
}
var loopOp = {
  opType: "Loop",
  infer(ctx) {
    return runLoop(ctx)?.outputs ?? [];
  },
  cost(ctx) {
    const run = runLoop(ctx);
    if (!run) return null;
    if (run.unrolled) return run.cost;
    if (run.costTrips === null) {
      ctx.warn("Loop trip count not known statically: cost of one iteration shown");
      return run.cost;
    }
    if (run.trips === null) ctx.warn(`Loop may exit early: costed at its maximum of ${run.costTrips} iterations`);
    return scaleCost(run.cost, run.costTrips);
  }
};
function runScan(ctx) {
  const body = ctx.attrs.graph("body");
  const numScan = ctx.attrs.int("num_scan_inputs");
  if (!body || numScan === void 0) return null;
  const v8 = ctx.opset < 9;
  const first = v8 ? 1 : 0;
  const all = ctx.node.inputs.length - first;
  const states = all - numScan;
  const inAxes = ctx.attrs.ints("scan_input_axes") ?? [];
  const bodyInputs = [];
  let seqLen = null;
  let batch = 1;
  for (let i = 0; i < all; i++) {
    const info = ctx.inputs[first + i] ?? null;
    if (i < states) {
      if (v8 && info && info.kind === "tensor" && info.shape) {
        batch = mergeDim(batch === 1 ? null : batch, info.shape[0]) ?? info.shape[0];
        bodyInputs.push(tensor(info.dtype, info.shape.slice(1)));
      } else bodyInputs.push(info);
      continue;
    }
    const t = info && info.kind === "tensor" ? info : null;
    if (!t || !t.shape) {
      bodyInputs.push(t ? tensor(t.dtype, null) : null);
      continue;
    }
    const rank = t.shape.length;
    let axis = v8 ? 1 : inAxes[i - states] ?? 0;
    if (axis < 0) axis += rank;
    seqLen = seqLen === null ? t.shape[axis] : mergeDim(seqLen, t.shape[axis]);
    const slice = t.shape.filter((_, k) => k !== axis && !(v8 && k === 0));
    if (v8) batch = t.shape[0];
    bodyInputs.push(tensor(t.dtype, slice));
  }
  const result = ctx.subgraph(body, bodyInputs);
  return { body: result, seqLen, batch, states, scanOutAxes: ctx.attrs.ints("scan_output_axes") ?? [] };
}
var scanOp = {
  opType: "Scan",
  infer(ctx) {
    const run = runScan(ctx);
    if (!run) return [];
    const v8 = ctx.opset < 9;
    return run.body.outputs.map((o, i) => {
      if (!o || o.kind !== "tensor") return o;
      if (i < run.states) return v8 ? tensor(o.dtype, o.shape ? [run.batch, ...o.shape] : null) : o;
      if (!o.shape) return tensor(o.dtype, null);
      if (v8) return tensor(o.dtype, [run.batch, run.seqLen, ...o.shape]);
      let axis = run.scanOutAxes[i - run.states] ?? 0;
      const rank = o.shape.length + 1;
      if (axis < 0) axis += rank;
      const shape = [...o.shape];
      shape.splice(axis, 0, run.seqLen);
      return tensor(o.dtype, shape);
    });
  },
  cost(ctx) {
    const run = runScan(ctx);
    if (!run || typeof run.seqLen !== "number" || typeof run.batch !== "number") return null;
    return scaleCost(run.body.cost, run.seqLen * run.batch);
  }
};
var ops17 = [ifOp, loopOp, scanOp];

// src/ops/loss.ts
function lossShape(ctx) {
  const reduction = ctx.attrs.string("reduction", "mean");
  const target = ctx.input(1);
  const dtype = ctx.input(0)?.dtype ?? null;
  if (reduction !== "none") return tensor(dtype, []);
  return tensor(dtype, target?.shape ? [...target.shape] : null);
}
function nllFlops(ctx) {
  const target = ctx.input(1);
  const e = target ? numel(target.shape) : null;
  if (e === null) return null;
  return e * (ctx.has(2) ? 3 : 2);
}
var nll = {
  opType: "NegativeLogLikelihoodLoss",
  infer: (ctx) => [lossShape(ctx)],
  cost(ctx) {
    const f = nllFlops(ctx);
    return f === null ? null : { macs: 0, flops: f, coreMacs: 0 };
  }
};
var sce = {
  opType: "SoftmaxCrossEntropyLoss",
  infer(ctx) {
    const scores = ctx.input(0);
    return [lossShape(ctx), tensor(scores?.dtype ?? null, scores?.shape ? [...scores.shape] : null)];
  },
  cost(ctx) {
    const f = nllFlops(ctx);
    const s = ctx.input(0) ? numel(ctx.input(0).shape) : null;
    return f === null || s === null ? null : { macs: 0, flops: 5 * s + f, coreMacs: 0 };
  }
};
var ops18 = [nll, sce];

// src/ops/training.ts
var DOMAIN = "ai.onnx.preview.training";
function optimizer(opType, groups, outGroups, flopsPerElement) {
  const n = (ctx) => Math.floor((ctx.node.inputs.length - 2) / groups);
  return {
    opType,
    domain: DOMAIN,
    infer(ctx) {
      const count = n(ctx);
      return outGroups.flatMap(
        (g) => Array.from({ length: count }, (_, i) => {
          const src = ctx.input(2 + g * count + i);
          return tensor(src?.dtype ?? null, src?.shape ? [...src.shape] : null);
        })
      );
    },
    cost(ctx) {
      let elements = 0;
      for (let i = 0; i < n(ctx); i++) {
        const x = ctx.input(2 + i);
        const e = x ? numel(x.shape) : null;
        if (e === null) return null;
        elements += e;
      }
      return { macs: 0, flops: elements * flopsPerElement, coreMacs: 0 };
    }
  };
}
var gradient = {
  opType: "Gradient",
  domain: DOMAIN,
  infer(ctx) {
    const xs = ctx.attrs.strings("xs") ?? [];
    return xs.map((_, i) => {
      const x = ctx.input(i);
      return tensor(x?.dtype ?? null, x?.shape ? [...x.shape] : null);
    });
  },
  cost: () => ({ macs: 0, flops: 0, coreMacs: 0 })
};
var ops19 = [
  optimizer("Adagrad", 3, [0, 2], 8),
  optimizer("Momentum", 3, [0, 2], 6),
  optimizer("Adam", 4, [0, 2, 3], 14),
  gradient
];

// src/ops/index.ts
var FAMILIES = [
  ops,
  ops2,
  ops3,
  ops4,
  ops6,
  ops7,
  ops8,
  ops5,
  ops9,
  ops10,
  ops11,
  ops12,
  ops13,
  ops14,
  ops15,
  ops16,
  ops17,
  ops18,
  ops19
];

// src/ops/registry.ts
var REGISTRY = /* @__PURE__ */ new Map();
function key(domain, opType) {
  return `${normDomain(domain)}:${opType}`;
}
for (const family of FAMILIES) {
  for (const def of family) {
    const k = key(def.domain ?? "", def.opType);
    if (REGISTRY.has(k)) throw new Error(`operator ${k} registered twice`);
    REGISTRY.set(k, def);
  }
}
function lookupOp(domain, opType) {
  return REGISTRY.get(key(domain, opType));
}

// src/analysis/apply.ts
var noSubgraphs = () => {
  throw new Error("this context cannot run subgraphs");
};
function applyOp(def, node2, inputs, opset, runSubgraph = noSubgraphs) {
  const warnings = [];
  const attrs = new Attrs(node2.attrs);
  const ctx = {
    node: node2,
    opset,
    inputs,
    attrs,
    input(i) {
      const v = inputs[i];
      return v && v.kind === "tensor" ? v : void 0;
    },
    has(i) {
      return i < node2.inputs.length && node2.inputs[i] !== "";
    },
    warn(message) {
      warnings.push(message);
    },
    subgraph: runSubgraph
  };
  let outputs;
  try {
    const inferred = def.infer(ctx);
    outputs = node2.outputs.map((_, i) => inferred[i] ?? null);
  } catch (e) {
    warnings.push(`shape rule failed: ${e.message}`);
    outputs = node2.outputs.map(() => null);
  }
  const costCtx = {
    ...ctx,
    outputs,
    output(i) {
      const v = outputs[i];
      return v && v.kind === "tensor" ? v : void 0;
    }
  };
  let cost;
  try {
    cost = def.cost(costCtx);
  } catch (e) {
    warnings.push(`cost rule failed: ${e.message}`);
    cost = null;
  }
  return { outputs, cost, warnings };
}

// src/analysis/functions.ts
var MAX_EXPANSION_DEPTH = 32;
function fnKey(domain, name, overload = "") {
  return `${domain}:${name}:${overload}`;
}
function expandFunctions(graph2, functions) {
  if (functions.length === 0) return { graph: graph2, usedFunctions: [] };
  const byKey = /* @__PURE__ */ new Map();
  for (const f of functions) {
    byKey.set(fnKey(f.domain, f.name, f.overload), f);
    if (!byKey.has(fnKey(f.domain, f.name))) byKey.set(fnKey(f.domain, f.name), f);
  }
  const used = /* @__PURE__ */ new Set();
  let counter = 0;
  const expandNodes = (nodes, depth) => {
    const out = [];
    for (const n of nodes) {
      const fn = byKey.get(fnKey(n.domain, n.opType));
      if (!fn) {
        out.push(withExpandedSubgraphs(n, depth));
        continue;
      }
      if (depth >= MAX_EXPANSION_DEPTH) throw new Error(`function ${n.domain}:${n.opType} calls itself too deeply`);
      used.add(fn);
      const prefix = `${n.name || fn.name}/${counter++}/`;
      const rename = /* @__PURE__ */ new Map();
      fn.inputs.forEach((formal, i) => rename.set(formal, n.inputs[i] ?? ""));
      fn.outputs.forEach((formal, i) => rename.set(formal, n.outputs[i] ?? `${prefix}${formal}`));
      const attrs = new Map(fn.attributeDefaults);
      for (const [k, v] of n.attrs) attrs.set(k, v);
      const body = fn.nodes.map((b) => instantiate(b, prefix, rename, attrs));
      out.push(...expandNodes(body, depth + 1));
    }
    return out;
  };
  const withExpandedSubgraphs = (n, depth) => {
    let changed = false;
    const attrs = /* @__PURE__ */ new Map();
    for (const [k, a] of n.attrs) {
      if (a.type === "graph") {
        attrs.set(k, { type: "graph", value: expandGraph(a.value, depth) });
        changed = true;
      } else if (a.type === "graphs") {
        attrs.set(k, { type: "graphs", value: a.value.map((g) => expandGraph(g, depth)) });
        changed = true;
      } else attrs.set(k, a);
    }
    return changed ? { ...n, attrs } : n;
  };
  const expandGraph = (g, depth) => ({ ...g, nodes: expandNodes(g.nodes, depth) });
  return { graph: expandGraph(graph2, 0), usedFunctions: [...used] };
}
function instantiate(b, prefix, rename, callAttrs) {
  const name = (t) => t === "" ? "" : rename.get(t) ?? `${prefix}${t}`;
  const attrs = /* @__PURE__ */ new Map();
  for (const [k, a] of b.attrs) {
    if (a.type === "ref") {
      const bound = callAttrs.get(a.ref);
      if (bound && bound.type !== "ref") attrs.set(k, bound);
    } else if (a.type === "graph") {
      attrs.set(k, { type: "graph", value: renameFree(a.value, name) });
    } else attrs.set(k, a);
  }
  return {
    name: `${prefix}${b.name}`,
    opType: b.opType,
    domain: b.domain,
    inputs: b.inputs.map(name),
    outputs: b.outputs.map(name),
    attrs
  };
}
function renameFree(g, name) {
  const local = /* @__PURE__ */ new Set([...g.inputs.map((v) => v.name), ...g.initializers.map((t) => t.name)]);
  for (const n of g.nodes) for (const o of n.outputs) local.add(o);
  const map = (t) => t === "" || local.has(t) ? t : name(t);
  return {
    ...g,
    nodes: g.nodes.map((n) => ({ ...n, inputs: n.inputs.map(map) })),
    outputs: g.outputs.map((o) => local.has(o.name) ? o : { ...o, name: map(o.name) })
  };
}

// src/analysis/errors.ts
var GraphError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "GraphError";
  }
};

// src/analysis/infer.ts
var MAX_DIM = 2 ** 31;
function isWeightDtype(t) {
  return isNumeric(t.dtype) && t.dtype !== "int64" && t.dtype !== "uint64";
}
var INT32_WEIGHTS = {
  ":QLinearConv": [8],
  "com.microsoft:QLinearConv": [8],
  "com.microsoft:QGemm": [6],
  ":DequantizeLinear": [0],
  "com.microsoft:DequantizeLinear": [0]
};
function packedPerElement(node2, input) {
  if (node2.domain !== "com.microsoft" || input !== 1) return 1;
  if (node2.opType === "MatMulNBits") {
    const bits = node2.attrs.get("bits");
    const b = bits && bits.type === "int" ? bits.value : 4;
    return b > 0 && b < 8 ? 8 / b : 1;
  }
  return node2.opType === "MatMulBnb4" ? 2 : 1;
}
function readsAsWeight(node2, input, dtype) {
  if (dtype !== "int32") return true;
  return INT32_WEIGHTS[`${node2.domain}:${node2.opType}`]?.includes(input) ?? false;
}
var Scope = class {
  constructor(parent) {
    this.parent = parent;
  }
  parent;
  values = /* @__PURE__ */ new Map();
  has(name) {
    return this.values.has(name) || (this.parent?.has(name) ?? false);
  }
  get(name) {
    if (this.values.has(name)) return this.values.get(name);
    return this.parent?.get(name);
  }
};
function inferModel(model, options = {}) {
  const useDeclared = options.useDeclaredShapes ?? true;
  const defaultDim = options.defaultDim === void 0 ? 1 : options.defaultDim;
  const given = options.dims ?? {};
  const warnings = [];
  const { graph: graph2, usedFunctions } = expandFunctions(model.graph, model.functions);
  const opsetImports = new Map(model.opsetImports);
  for (const f of usedFunctions) for (const [d, v] of f.opsetImports) if (!opsetImports.has(d)) opsetImports.set(d, v);
  if (!opsetImports.has("")) opsetImports.set("", model.irVersion >= 3 ? 1 : 1);
  const opsetOf = (domain) => opsetImports.get(domain) ?? 1;
  const initNames = new Set(graph2.initializers.map((t) => t.name));
  const realInputs = graph2.inputs.filter((i) => !initNames.has(i.name));
  const dims2 = {};
  const defaulted = [];
  for (const [k, v] of Object.entries(given)) dims2[k] = v;
  const bindShape = (shape, owner) => {
    if (!shape) return shape;
    return shape.map((d, axis) => {
      if (typeof d === "number") {
        if (d < 0) throw new GraphError(`input '${owner}' has a negative dimension (${d}) at axis ${axis}`);
        if (d > MAX_DIM) throw new GraphError(`input '${owner}' has an absurd dimension (${d}) at axis ${axis}`);
        return d;
      }
      const sym = d ?? `${owner}[${axis}]`;
      if (sym in dims2) return dims2[sym];
      if (defaultDim === null) return sym;
      dims2[sym] = defaultDim;
      defaulted.push(sym);
      return defaultDim;
    });
  };
  const boundType = (t, owner) => {
    if (!t) return t;
    if (t.kind === "tensor" || t.kind === "sparse") return { ...t, shape: bindShape(t.shape, owner) };
    if (t.kind === "sequence" || t.kind === "optional") return { ...t, elem: boundType(t.elem, owner) };
    return t;
  };
  const inputs = realInputs.map((vi) => ({ name: vi.name, declared: vi.type, info: infoFromType(boundType(vi.type, vi.name)) }));
  for (const inp of inputs) {
    const n = inp.info && inp.info.kind === "tensor" ? numel(inp.info.shape) : null;
    if (n !== null && n > 2 ** 48) throw new GraphError(`input '${inp.name}' has an absurd size (${n} elements)`);
  }
  const symbolsOnly = (shape) => shape && shape.map((d) => typeof d === "string" && d in dims2 ? dims2[d] : d);
  const declaredInfo = (t) => {
    const bound = (x) => {
      if (!x) return x;
      if (x.kind === "tensor" || x.kind === "sparse") return { ...x, shape: symbolsOnly(x.shape) };
      if (x.kind === "sequence" || x.kind === "optional") return { ...x, elem: bound(x.elem) };
      return x;
    };
    return infoFromType(bound(t));
  };
  const weights = /* @__PURE__ */ new Map();
  const weightCandidates = /* @__PURE__ */ new Map();
  const nodes = [];
  let pending = { params: 0, bytes: 0 };
  const runGraph = (g, scope, record, path) => {
    for (const t of g.initializers) {
      for (const d of t.dims)
        if (d < 0 || d > MAX_DIM) throw new GraphError(`initializer '${t.name}' has an invalid dimension (${d})`);
      scope.values.set(t.name, initializerInfo(t));
      const elements = t.dims.reduce((a, b) => a * b, 1);
      if (t.dtype && isWeightDtype(t)) weightCandidates.set(t.name, { elements, bytes: byteSize(t.dtype, elements) });
    }
    for (const sp of g.sparseInitializers) {
      scope.values.set(sp.name, tensor(sp.values.dtype, [...sp.dims]));
      const elements = sp.values.dims.reduce((a, b) => a * b, 1);
      if (sp.values.dtype && isWeightDtype(sp.values))
        weightCandidates.set(sp.name, { elements, bytes: byteSize(sp.values.dtype, elements) });
    }
    const declared = /* @__PURE__ */ new Map();
    if (useDeclared) {
      for (const vi of [...g.valueInfo, ...g.outputs]) if (vi.type) declared.set(vi.name, vi.type);
    }
    const order = topoOrder(g, scope, path);
    let total = { ...ZERO_COST };
    for (const node2 of order) {
      if (record) pending = { params: 0, bytes: 0 };
      const inputsInfo = node2.inputs.map((n) => n === "" ? void 0 : scope.get(n) ?? void 0);
      const inputDtype = (i) => {
        const v = inputsInfo[i];
        return v && v.kind === "tensor" ? v.dtype : null;
      };
      const result2 = runNode(node2, inputsInfo, scope);
      node2.outputs.forEach((name, i) => {
        if (name === "") return;
        let info = result2.outputs[i] ?? null;
        const decl = declared.get(name);
        if (decl) {
          const d = declaredInfo(decl);
          const conflict = shapeConflict(info, d);
          if (conflict) warnings.push({ node: node2.name || node2.opType, message: `'${name}': inferred shape ${conflict}; the inferred one is used` });
          info = refine(info, d);
        }
        result2.outputs[i] = info;
        scope.values.set(name, info);
      });
      for (const w of result2.warnings) warnings.push({ node: node2.name || node2.opType, message: w });
      for (const [i, n] of node2.inputs.entries()) {
        const w = weightCandidates.get(n);
        if (w && !weights.has(n) && readsAsWeight(node2, i, inputDtype(i))) {
          const elements = w.elements * packedPerElement(node2, i);
          weights.set(n, { ...w, elements });
          pending.params += elements;
          pending.bytes += w.bytes;
        }
      }
      if (node2.opType === "Constant" && node2.domain === "") {
        const out = result2.outputs[0];
        if (out && out.kind === "tensor" && isWeightDtype(out)) {
          const elements = numel(out.shape);
          if (elements !== null && out.dtype) weightCandidates.set(node2.outputs[0], { elements, bytes: byteSize(out.dtype, elements) });
        }
      }
      const cost = result2.cost;
      if (cost) total = addCosts(total, cost);
      if (record) {
        record.push({
          name: node2.name,
          opType: node2.opType,
          domain: node2.domain,
          inputs: node2.inputs.map((n, i) => ({ name: n, info: inputsInfo[i] ?? null })),
          outputs: node2.outputs.map((n, i) => ({ name: n, info: result2.outputs[i] ?? null })),
          cost,
          supported: result2.supported,
          params: pending.params,
          weightBytes: pending.bytes,
          // Shape and Size read a tensor's metadata, never its elements.
          bytesRead: node2.domain === "" && (node2.opType === "Shape" || node2.opType === "Size") ? 0 : sumBytes(inputsInfo),
          bytesWritten: sumBytes(result2.outputs)
        });
      }
    }
    const outputs = g.outputs.map((o) => {
      const v = scope.get(o.name);
      if (v === void 0) throw new GraphError(`graph output '${o.name}' is not produced by any node`);
      return v;
    });
    return { outputs, cost: total };
  };
  const runNode = (node2, inputsInfo, scope) => {
    const def = lookupOp(node2.domain, node2.opType);
    if (!def) {
      const domain = node2.domain ? `${node2.domain}:` : "";
      const outputs = node2.outputs.map(() => null);
      return {
        outputs,
        cost: null,
        supported: false,
        warnings: [`unsupported operator ${domain}${node2.opType}: output shapes unknown, cost estimated as elementwise`]
      };
    }
    const r = applyOp(def, node2, inputsInfo, opsetOf(node2.domain), (sub2, subInputs) => {
      const child = new Scope(scope);
      sub2.inputs.forEach((vi, i) => {
        const given2 = subInputs[i];
        child.values.set(vi.name, given2 ?? declaredInfo(vi.type));
      });
      return runGraph(sub2, child, null, `${node2.name || node2.opType}/`);
    });
    return { ...r, supported: true };
  };
  const top = new Scope(null);
  for (const inp of inputs) top.values.set(inp.name, inp.info);
  const result = runGraph(graph2, top, nodes, "");
  for (const n of nodes) {
    if (n.supported || n.cost) continue;
    const elements = n.outputs.reduce((acc, o) => {
      const e = o.info && o.info.kind === "tensor" ? numel(o.info.shape) : null;
      return acc === null || e === null ? null : acc + e;
    }, 0);
    if (elements !== null) n.cost = { macs: 0, flops: elements, coreMacs: 0 };
  }
  if (defaulted.length) {
    warnings.unshift({ node: "", message: `dims not given, set to ${defaultDim}: ${defaulted.join(", ")}` });
  }
  return {
    opset: opsetOf(""),
    opsetImports,
    dims: dims2,
    defaultedDims: defaulted,
    inputs,
    outputs: graph2.outputs.map((o, i) => ({ name: o.name, info: result.outputs[i] ?? null })),
    nodes,
    warnings,
    weights
  };
}
function initializerInfo(t) {
  const values = readTensorValues(t);
  return tensor(t.dtype, [...t.dims], values ?? void 0);
}
function sumBytes(infos) {
  let total = 0;
  for (const info of infos) {
    if (!info) continue;
    const b = infoBytes(info);
    if (b === null) return null;
    total += b;
  }
  return total;
}
function infoBytes(info) {
  if (info.kind === "tensor") {
    const n = numel(info.shape);
    return n === null || info.dtype === null ? null : byteSize(info.dtype, n);
  }
  if (info.kind === "sequence") {
    if (!info.items) return null;
    return sumBytes(info.items);
  }
  if (info.kind === "optional") return info.elem ? infoBytes(info.elem) : 0;
  return null;
}
function shapeConflict(inferred, declared) {
  if (!inferred || !declared || inferred.kind !== "tensor" || declared.kind !== "tensor") return null;
  const a = inferred.shape;
  const b = declared.shape;
  if (!a || !b) return null;
  const differ = a.length !== b.length || a.some((d, i) => typeof d === "number" && typeof b[i] === "number" && d !== b[i]);
  return differ ? `${shapeToString(a)} differs from the declared ${shapeToString(b)}` : null;
}
function refine(inferred, declared) {
  if (!declared) return inferred;
  if (!inferred) return declared;
  if (inferred.kind !== "tensor" || declared.kind !== "tensor") return inferred;
  const dtype = inferred.dtype ?? declared.dtype;
  let shape = inferred.shape;
  if (shape === null) shape = declared.shape;
  else if (declared.shape && declared.shape.length === shape.length) {
    shape = shape.map((d, i) => d === null ? declared.shape[i] : d);
  }
  const out = { kind: "tensor", dtype, shape };
  if (inferred.value) out.value = inferred.value;
  return out;
}
function topoOrder(g, scope, path) {
  const producer = /* @__PURE__ */ new Map();
  g.nodes.forEach((n, i) => n.outputs.forEach((o) => o !== "" && producer.set(o, i)));
  const available = (name) => name === "" || scope.has(name);
  const waiting = new Array(g.nodes.length).fill(0);
  const consumers = g.nodes.map(() => []);
  const ready = [];
  g.nodes.forEach((n, i) => {
    const deps = /* @__PURE__ */ new Set();
    for (const name of [...n.inputs, ...implicitInputs(n)]) {
      if (available(name)) continue;
      const p = producer.get(name);
      if (p === void 0) {
        throw new GraphError(`node '${path}${n.name || n.opType}' (${n.opType}) reads '${name}', which no node, input or initializer provides`);
      }
      if (p === i) throw new GraphError(`node '${path}${n.name || n.opType}' (${n.opType}) reads its own output '${name}': the graph has a cycle`);
      deps.add(p);
    }
    waiting[i] = deps.size;
    for (const p of deps) consumers[p].push(i);
    if (deps.size === 0) ready.push(i);
  });
  const order = [];
  const heap = ready.sort((a, b) => a - b);
  let head = 0;
  const queue = heap;
  while (head < queue.length) {
    const i = queue[head++];
    order.push(g.nodes[i]);
    for (const c of consumers[i]) if (--waiting[c] === 0) insertSorted(queue, c, head);
  }
  if (order.length !== g.nodes.length) {
    const stuck = g.nodes.filter((_, i) => waiting[i] > 0).slice(0, 3).map((n) => `'${path}${n.name || n.opType}'`);
    throw new GraphError(`the graph has a cycle (through nodes ${stuck.join(", ")})`);
  }
  return order;
}
function insertSorted(queue, value2, from) {
  let i = queue.length;
  queue.push(value2);
  while (i > from && queue[i - 1] > value2) {
    queue[i] = queue[i - 1];
    i--;
  }
  queue[i] = value2;
}
function implicitInputs(n) {
  const out = [];
  for (const a of n.attrs.values()) {
    const graphs = a.type === "graph" ? [a.value] : a.type === "graphs" ? a.value : [];
    for (const g of graphs) out.push(...freeNames(g));
  }
  return out;
}
function freeNames(g) {
  const local = /* @__PURE__ */ new Set([...g.inputs.map((v) => v.name), ...g.initializers.map((t) => t.name), ...g.sparseInitializers.map((t) => t.name)]);
  for (const n of g.nodes) for (const o of n.outputs) local.add(o);
  const free = /* @__PURE__ */ new Set();
  for (const n of g.nodes) {
    for (const i of n.inputs) if (i !== "" && !local.has(i)) free.add(i);
    for (const f of implicitInputs(n)) if (!local.has(f)) free.add(f);
  }
  for (const o of g.outputs) if (!local.has(o.name)) free.add(o.name);
  return [...free];
}

// src/analysis/aggregate.ts
function totals(result) {
  let params = 0;
  let weightBytes = 0;
  for (const w of result.weights.values()) {
    params += w.elements;
    weightBytes += w.bytes;
  }
  let macs = 0;
  let coreMacs = 0;
  let flops3 = 0;
  let memoryAccessBytes = 0;
  let incompleteNodes = 0;
  for (const n of result.nodes) {
    if (n.cost) {
      macs += n.cost.macs;
      coreMacs += n.cost.coreMacs;
      flops3 += n.cost.flops;
    }
    memoryAccessBytes += (n.bytesRead ?? 0) + (n.bytesWritten ?? 0);
    if (!n.cost || n.bytesRead === null || n.bytesWritten === null) incompleteNodes++;
  }
  return {
    params,
    weightBytes,
    macs,
    coreMacs,
    flops: flops3,
    memoryAccessBytes,
    peakActivationBytes: peakActivationBytes(result),
    incompleteNodes
  };
}
function byOpType(nodes) {
  const out = {};
  for (const n of nodes) {
    const key2 = n.domain ? `${n.domain}:${n.opType}` : n.opType;
    const t = out[key2] ??= { count: 0, params: 0, macs: 0, flops: 0, bytes: 0 };
    t.count++;
    t.params += n.params;
    t.macs += n.cost?.macs ?? 0;
    t.flops += n.cost?.flops ?? 0;
    t.bytes += (n.bytesRead ?? 0) + (n.bytesWritten ?? 0);
  }
  return out;
}
function peakActivationBytes(result) {
  const steps = result.nodes.length;
  const size = /* @__PURE__ */ new Map();
  const born = /* @__PURE__ */ new Map();
  const lastUse = /* @__PURE__ */ new Map();
  const sizeOf = (info) => info ? infoBytes(info) ?? 0 : 0;
  for (const inp of result.inputs) {
    size.set(inp.name, sizeOf(inp.info));
    born.set(inp.name, 0);
    lastUse.set(inp.name, 0);
  }
  result.nodes.forEach((n, step) => {
    for (const i of n.inputs) if (i.name && born.has(i.name)) lastUse.set(i.name, step);
    for (const o of n.outputs) {
      if (!o.name || result.weights.has(o.name) || isConstantOutput(n)) continue;
      size.set(o.name, sizeOf(o.info));
      born.set(o.name, step);
      lastUse.set(o.name, step);
    }
  });
  for (const o of result.outputs) if (born.has(o.name)) lastUse.set(o.name, steps);
  const delta = new Array(steps + 2).fill(0);
  for (const [name, b] of born) {
    const s = size.get(name) ?? 0;
    delta[b] += s;
    delta[(lastUse.get(name) ?? b) + 1] -= s;
  }
  let live = 0;
  let peak = 0;
  for (let i = 0; i <= steps; i++) {
    live += delta[i];
    if (live > peak) peak = live;
  }
  return peak;
}
function isConstantOutput(n) {
  return n.opType === "Constant" && n.domain === "";
}

// src/report/model-report.ts
var SCHEMA_VERSION = 1;
function tensorEntry(name, info) {
  if (!info) return { name, dtype: null, shape: null };
  switch (info.kind) {
    case "tensor":
      return { name, dtype: info.dtype, shape: info.shape ? [...info.shape] : null };
    case "sequence":
      return { name, kind: "sequence", dtype: info.elem?.dtype ?? null, shape: info.elem?.shape ?? null };
    case "optional": {
      const inner = info.elem && info.elem.kind === "tensor" ? info.elem : null;
      return { name, kind: "optional", dtype: inner?.dtype ?? null, shape: inner?.shape ?? null };
    }
    case "map":
      return { name, kind: "map", dtype: info.key, shape: null };
  }
}
function nodeEntry(n) {
  const e = {
    name: n.name,
    opType: n.opType,
    inputs: n.inputs.filter((i) => i.name !== "").map((i) => tensorEntry(i.name, i.info)),
    outputs: n.outputs.filter((o) => o.name !== "").map((o) => tensorEntry(o.name, o.info)),
    params: n.params,
    macs: n.cost?.macs ?? null,
    flops: n.cost?.flops ?? null,
    bytesRead: n.bytesRead,
    bytesWritten: n.bytesWritten,
    intensity: intensity(n.cost?.flops ?? null, n.bytesRead, n.bytesWritten)
  };
  if (n.domain) e.domain = n.domain;
  if (!n.supported) e.supported = false;
  return e;
}
function intensity(flops3, read, written) {
  if (flops3 === null || read === null || written === null || read + written === 0) return null;
  return flops3 / (read + written);
}
function modelReport(src, r) {
  return {
    path: src.path,
    fileBytes: src.fileBytes,
    irVersion: src.irVersion,
    producer: src.producer,
    opset: r.opset,
    opsetImports: Object.fromEntries([...r.opsetImports].map(([d, v]) => [d === "" ? "ai.onnx" : d, v])),
    dims: r.dims,
    defaultedDims: r.defaultedDims,
    graph: {
      inputs: r.inputs.map((i) => tensorEntry(i.name, i.info)),
      outputs: r.outputs.map((o) => tensorEntry(o.name, o.info))
    },
    totals: totals(r),
    byOpType: byOpType(r.nodes),
    nodes: r.nodes.map(nodeEntry),
    warnings: [...src.notices.map((message) => ({ node: "", message })), ...r.warnings]
  };
}

// src/report/format.ts
var PREFIXES = [
  [1e15, "P"],
  [1e12, "T"],
  [1e9, "G"],
  [1e6, "M"],
  [1e3, "k"]
];
function formatCount(n, unit2 = "") {
  if (n === null || !Number.isFinite(n)) return "?";
  const abs2 = Math.abs(n);
  for (const [scale, p] of PREFIXES) {
    if (abs2 >= scale) return `${trim((n / scale).toPrecision(3))}${p}${unit2}`;
  }
  return `${Number.isInteger(n) ? n : trim(n.toPrecision(3))}${unit2}`;
}
function formatBytes(n) {
  if (n === null || !Number.isFinite(n)) return "?";
  const abs2 = Math.abs(n);
  if (abs2 >= 1e12) return `${trim((n / 1e12).toPrecision(3))} TB`;
  if (abs2 >= 1e9) return `${trim((n / 1e9).toPrecision(3))} GB`;
  if (abs2 >= 1e6) return `${trim((n / 1e6).toPrecision(3))} MB`;
  if (abs2 >= 1e3) return `${trim((n / 1e3).toPrecision(3))} kB`;
  return `${n} B`;
}
function trim(s) {
  return s.includes(".") && !s.includes("e") ? s.replace(/\.?0+$/, "") : s;
}
function textTable(header, rows, rightAlign = []) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells) => cells.map((c, i) => rightAlign[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
function formatBinaryBytes(n) {
  const units = [[2 ** 40, "TiB"], [2 ** 30, "GiB"], [2 ** 20, "MiB"], [2 ** 10, "KiB"]];
  for (const [scale, u] of units) if (n >= scale) return `${trim((n / scale).toPrecision(3))} ${u}`;
  return `${n} B`;
}

// src/report/compare.ts
var COMPARED_TOTALS = ["params", "weightBytes", "macs", "coreMacs", "flops", "memoryAccessBytes", "peakActivationBytes"];
function change(base, head) {
  const b = base ?? null;
  const h = head ?? null;
  const delta = b === null || h === null ? null : h - b;
  const percent = delta === null || b === null || b === 0 ? null : 100 * delta / b;
  return { base: b, head: h, delta, percent };
}
function nodeKey(n, i) {
  return n.name || `#${i}:${n.opType}`;
}
function compareNodes(base, head) {
  const baseBy = new Map(base.map((n, i) => [nodeKey(n, i), n]));
  const headBy = new Map(head.map((n, i) => [nodeKey(n, i), n]));
  const out = [];
  const entry = (name, b, h) => ({
    name,
    opType: (h ?? b).opType,
    status: !b ? "added" : !h ? "removed" : "changed",
    flops: change(b ? b.flops : 0, h ? h.flops : 0),
    params: change(b ? b.params : 0, h ? h.params : 0),
    macs: change(b ? b.macs : 0, h ? h.macs : 0)
  });
  for (const [name, h] of headBy) {
    const b = baseBy.get(name);
    if (!b) out.push(entry(name, void 0, h));
    else if (b.flops !== h.flops || b.params !== h.params || b.macs !== h.macs || b.opType !== h.opType) out.push(entry(name, b, h));
  }
  for (const [name, b] of baseBy) if (!headBy.has(name)) out.push(entry(name, b, void 0));
  const size = (c) => Math.abs(c.flops.delta ?? 0) + Math.abs(c.params.delta ?? 0);
  return out.sort((a, b) => size(b) - size(a) || a.name.localeCompare(b.name));
}
function compareModel(path, base, head) {
  const totals2 = Object.fromEntries(
    COMPARED_TOTALS.map((k) => [k, change(base ? base.totals[k] : null, head ? head.totals[k] : null)])
  );
  const devices = /* @__PURE__ */ new Set([...Object.keys(base?.latency ?? {}), ...Object.keys(head?.latency ?? {})]);
  const latency = {};
  for (const d of devices) latency[d] = change(base?.latency?.[d]?.ms, head?.latency?.[d]?.ms);
  const nodes = base && head ? compareNodes(base.nodes, head.nodes) : [];
  const status = !base ? "added" : !head ? "removed" : nodes.length || Object.values(totals2).some((c) => c.delta) ? "changed" : "unchanged";
  return { path, status, totals: totals2, latency, nodes };
}
function compareReports(base, head) {
  const baseBy = new Map(base.models.map((m) => [m.path, m]));
  const headBy = new Map(head.models.map((m) => [m.path, m]));
  const paths = [.../* @__PURE__ */ new Set([...headBy.keys(), ...baseBy.keys()])];
  return { schemaVersion: 1, models: paths.map((p) => compareModel(p, baseBy.get(p), headBy.get(p))) };
}

// src/report/text.ts
function shapeText(shape) {
  if (shape === null) return "?";
  return `[${shape.map((d) => d === null ? "?" : String(d)).join(", ")}]`;
}
function tensorLine(t) {
  const type = t.kind ? `${t.kind}<${t.dtype ?? "?"}>` : t.dtype ?? "?";
  return [t.name, type, shapeText(t.shape)];
}
function renderModelText(m, options = {}) {
  const top = options.top ?? 15;
  const t = m.totals;
  const out = [];
  const dims2 = Object.entries(m.dims).map(([k, v]) => `${k}=${v}${m.defaultedDims.includes(k) ? " (default)" : ""}`).join(", ");
  out.push(`${m.path}`);
  out.push(`  ${m.producer || "unknown producer"}, IR ${m.irVersion}, opset ${m.opset}, ${m.nodes.length} nodes${dims2 ? `, dims: ${dims2}` : ""}`);
  out.push("");
  const summary = [
    ["params", formatCount(t.params), `${formatBytes(t.weightBytes)} of weights`],
    ["MACs", formatCount(t.macs), `core (conv/matmul) ${formatCount(t.coreMacs)}`],
    ["FLOPs", formatCount(t.flops), ""],
    ["memory traffic", formatBytes(t.memoryAccessBytes), "unfused, all nodes"],
    ["peak activations", formatBytes(t.peakActivationBytes), ""]
  ];
  out.push(textTable(["figure", "value", "note"], summary, [false, true, false]));
  if (t.incompleteNodes) out.push(`  (${t.incompleteNodes} node(s) with unknown shapes: figures are lower bounds)`);
  const latency = Object.values(m.latency ?? {});
  if (latency.length) {
    out.push("");
    out.push("estimated latency (roofline, see docs/roofline.md)");
    out.push(
      textTable(
        ["device", "ms", "bound", "utilization", "precision", "compute ms", "memory ms", "overhead ms"],
        latency.map((l) => [
          l.device,
          formatMs(l.ms),
          l.bound,
          `${(100 * l.utilization).toFixed(1)}%`,
          l.precision,
          formatMs(l.computeMs),
          formatMs(l.memoryMs),
          formatMs(l.overheadMs)
        ]),
        [false, true, false, true, false, true, true, true]
      )
    );
  }
  out.push("");
  out.push(textTable(["input", "type", "shape"], m.graph.inputs.map(tensorLine)));
  out.push("");
  out.push(textTable(["output", "type", "shape"], m.graph.outputs.map(tensorLine)));
  const ranked = m.nodes.map((n, i) => ({ n, i })).filter(({ n }) => (n.flops ?? 0) > 0 || n.params > 0).sort((a, b) => (b.n.flops ?? 0) - (a.n.flops ?? 0) || a.i - b.i).slice(0, top);
  if (ranked.length) {
    out.push("");
    out.push(`top ${ranked.length} layers by FLOPs`);
    const totalFlops = t.flops || 1;
    out.push(
      textTable(
        ["node", "op", "output shape", "params", "MACs", "FLOPs", "share"],
        ranked.map(({ n }) => [
          n.name || "(unnamed)",
          n.opType,
          shapeText(n.outputs[0]?.shape ?? null),
          formatCount(n.params),
          formatCount(n.macs),
          formatCount(n.flops),
          `${(100 * (n.flops ?? 0) / totalFlops).toFixed(1)}%`
        ]),
        [false, false, false, true, true, true, true]
      )
    );
  }
  const ops20 = Object.entries(m.byOpType).sort((a, b) => b[1].flops - a[1].flops || b[1].count - a[1].count);
  if (ops20.length) {
    out.push("");
    out.push(
      textTable(
        ["op type", "count", "params", "MACs", "FLOPs", "memory traffic"],
        ops20.map(([op, o]) => [op, String(o.count), formatCount(o.params), formatCount(o.macs), formatCount(o.flops), formatBytes(o.bytes)]),
        [false, true, true, true, true, true]
      )
    );
  }
  if (m.warnings.length) {
    out.push("");
    out.push(`notices (${m.warnings.length}):`);
    const shown = m.warnings.slice(0, 20);
    for (const w of shown) out.push(`  - ${w.node ? `${w.node}: ` : ""}${w.message}`);
    if (m.warnings.length > shown.length) out.push(`  ... ${m.warnings.length - shown.length} more (see --format json)`);
  }
  return out.join("\n");
}
function renderAnalyzeText(report, options = {}) {
  return report.models.map((m) => renderModelText(m, options)).join("\n\n") + "\n";
}
function formatMs(ms) {
  if (ms === 0) return "0";
  return ms >= 100 ? ms.toFixed(0) : Number(ms.toPrecision(3)).toString();
}
var TOTAL_LABELS = {
  params: ["params", (n) => formatCount(n)],
  weightBytes: ["weights", formatBytes],
  macs: ["MACs", (n) => formatCount(n)],
  coreMacs: ["core MACs", (n) => formatCount(n)],
  flops: ["FLOPs", (n) => formatCount(n)],
  memoryAccessBytes: ["memory traffic", formatBytes],
  peakActivationBytes: ["peak activations", formatBytes]
};
function formatPercent(p) {
  if (p === null) return "";
  const s = Math.abs(p) >= 10 ? p.toFixed(0) : Math.abs(p) >= 1 ? p.toFixed(1) : p.toFixed(2);
  return `${p > 0 ? "+" : ""}${s}%`;
}
function changeText(c, fmt2) {
  const delta = c.delta === null ? "" : `${c.delta > 0 ? "+" : c.delta < 0 ? "-" : ""}${fmt2(Math.abs(c.delta))}`;
  return [fmt2(c.base), fmt2(c.head), delta, formatPercent(c.percent)];
}
function renderComparisonText(cmp, options = {}) {
  const top = options.top ?? 10;
  const out = [];
  for (const m of cmp.models) {
    out.push(`${m.path} (${m.status})`);
    const rows = COMPARED_TOTALS.map((k) => [TOTAL_LABELS[k][0], ...changeText(m.totals[k], TOTAL_LABELS[k][1])]);
    for (const [d, c] of Object.entries(m.latency)) rows.push([`latency ${d}`, ...changeText(c, (n) => n === null ? "?" : `${formatMs(n)} ms`)]);
    out.push(textTable(["metric", "base", "head", "change", "%"], rows, [false, true, true, true, true]));
    if (m.nodes.length) {
      out.push("");
      out.push(`layers whose cost changed (${m.nodes.length}${m.nodes.length > top ? `, top ${top}` : ""})`);
      out.push(
        textTable(
          ["node", "op", "status", "FLOPs base", "FLOPs head", "params change"],
          m.nodes.slice(0, top).map((n) => [
            n.name,
            n.opType,
            n.status,
            formatCount(n.flops.base),
            formatCount(n.flops.head),
            n.params.delta ? `${n.params.delta > 0 ? "+" : "-"}${formatCount(Math.abs(n.params.delta))}` : ""
          ]),
          [false, false, false, true, true, true]
        )
      );
    }
    out.push("");
  }
  return out.join("\n");
}

// package.json
var package_default = {
  name: "model-budget",
  version: "0.1.0",
  description: "Cost budgets for neural-network models (params, MACs/FLOPs, memory, roofline latency), enforced on every pull request.",
  license: "MIT",
  type: "module",
  bin: {
    "model-budget": "dist/cli.js"
  },
  engines: {
    node: ">=20"
  },
  scripts: {
    build: "node scripts/build.mjs",
    typecheck: "tsc --noEmit",
    test: "vitest run",
    "test:all": "bash scripts/test.sh",
    conformance: "tsx scripts/conformance.ts",
    bench: "node --expose-gc --import tsx scripts/bench.ts",
    "check-dist": "node scripts/build.mjs && git diff --exit-code -- dist"
  },
  devDependencies: {
    "@types/node": "^20.19.43",
    ajv: "^8.20.0",
    esbuild: "^0.28.2",
    tsx: "^4.23.15",
    typescript: "^5.9.3",
    vitest: "^4.1.12"
  },
  dependencies: {
    "@actions/core": "^3.0.1",
    yaml: "^2.9.1"
  },
  files: [
    "dist",
    "action.yml",
    "schema",
    "README.md"
  ]
};

// src/version.ts
var TOOL_NAME = "model-budget";
var VERSION = package_default.version;

// src/io/load-model.ts
import { readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";

// src/onnx/decode.ts
var WIRE_VARINT = 0;
var WIRE_LEN = 2;
var MAX_DEPTH = 64;
function decodeModel(bytes) {
  const r = new Reader(bytes);
  const model = {
    irVersion: 0,
    producerName: "",
    producerVersion: "",
    opsetImports: /* @__PURE__ */ new Map(),
    graph: emptyGraph(),
    functions: [],
    metadata: /* @__PURE__ */ new Map()
  };
  let sawGraph = false;
  while (!r.done) {
    const tag = r.tag();
    switch (tag) {
      case 1 << 3 | WIRE_VARINT:
        model.irVersion = r.int64();
        break;
      case 2 << 3 | WIRE_LEN:
        model.producerName = r.string();
        break;
      case 3 << 3 | WIRE_LEN:
        model.producerVersion = r.string();
        break;
      case 7 << 3 | WIRE_LEN:
        model.graph = graph(r, 0);
        sawGraph = true;
        break;
      case 8 << 3 | WIRE_LEN: {
        const [domain, version] = opsetId(r);
        model.opsetImports.set(domain, version);
        break;
      }
      case 14 << 3 | WIRE_LEN: {
        const [k, v] = stringEntry(r);
        model.metadata.set(k, v);
        break;
      }
      case 25 << 3 | WIRE_LEN:
        model.functions.push(functionProto(r));
        break;
      default:
        r.skip(tag & 7);
    }
  }
  if (!sawGraph) throw new Error("no graph in the model");
  return model;
}
function emptyGraph() {
  return { name: "", nodes: [], inputs: [], outputs: [], valueInfo: [], initializers: [], sparseInitializers: [] };
}
function sub(r, body) {
  const [start, end] = r.span();
  return body(new Reader(r.buf, start, end));
}
function opsetId(r) {
  return sub(r, (s) => {
    let domain = "";
    let version = 0;
    while (!s.done) {
      const tag = s.tag();
      if (tag === (1 << 3 | WIRE_LEN)) domain = s.string();
      else if (tag === (2 << 3 | WIRE_VARINT)) version = s.int64();
      else s.skip(tag & 7);
    }
    return [normDomain(domain), version];
  });
}
function stringEntry(r) {
  return sub(r, (s) => {
    let key2 = "";
    let value2 = "";
    while (!s.done) {
      const tag = s.tag();
      if (tag === (1 << 3 | WIRE_LEN)) key2 = s.string();
      else if (tag === (2 << 3 | WIRE_LEN)) value2 = s.string();
      else s.skip(tag & 7);
    }
    return [key2, value2];
  });
}
function graph(r, depth) {
  if (depth > MAX_DEPTH) throw new Error("sub-graphs nested too deeply");
  return sub(r, (s) => {
    const g = emptyGraph();
    while (!s.done) {
      const tag = s.tag();
      switch (tag) {
        case 1 << 3 | WIRE_LEN:
          g.nodes.push(node(s, depth));
          break;
        case 2 << 3 | WIRE_LEN:
          g.name = s.string();
          break;
        case 5 << 3 | WIRE_LEN:
          g.initializers.push(tensor2(s));
          break;
        case 11 << 3 | WIRE_LEN:
          g.inputs.push(valueInfo(s));
          break;
        case 12 << 3 | WIRE_LEN:
          g.outputs.push(valueInfo(s));
          break;
        case 13 << 3 | WIRE_LEN:
          g.valueInfo.push(valueInfo(s));
          break;
        case 15 << 3 | WIRE_LEN:
          g.sparseInitializers.push(sparseTensor(s));
          break;
        default:
          s.skip(tag & 7);
      }
    }
    return g;
  });
}
function node(r, depth) {
  return sub(r, (s) => {
    const n = { name: "", opType: "", domain: "", inputs: [], outputs: [], attrs: /* @__PURE__ */ new Map() };
    while (!s.done) {
      const tag = s.tag();
      switch (tag) {
        case 1 << 3 | WIRE_LEN:
          n.inputs.push(s.string());
          break;
        case 2 << 3 | WIRE_LEN:
          n.outputs.push(s.string());
          break;
        case 3 << 3 | WIRE_LEN:
          n.name = s.string();
          break;
        case 4 << 3 | WIRE_LEN:
          n.opType = s.string();
          break;
        case 7 << 3 | WIRE_LEN:
          n.domain = normDomain(s.string());
          break;
        case 5 << 3 | WIRE_LEN: {
          const [name, attr] = attribute(s, depth);
          n.attrs.set(name, attr);
          break;
        }
        default:
          s.skip(tag & 7);
      }
    }
    return n;
  });
}
var ATTR_TYPES = {
  1: "float",
  2: "int",
  3: "string",
  4: "tensor",
  5: "graph",
  6: "floats",
  7: "ints",
  8: "strings",
  9: "tensors",
  10: "graphs",
  11: "sparse_tensor",
  12: "sparse_tensors",
  13: "type_proto",
  14: "type_protos"
};
function attribute(r, depth) {
  return sub(r, (s) => {
    let name = "";
    let ref = "";
    let declared = 0;
    let f;
    let i;
    let str;
    let t;
    let g;
    let sp;
    let tp;
    const floats = [];
    const ints = [];
    const strings = [];
    const tensors = [];
    const graphs = [];
    const sparse = [];
    const typeProtos = [];
    while (!s.done) {
      const tag = s.tag();
      const field = tag >>> 3;
      const wire = tag & 7;
      switch (field) {
        case 1:
          name = s.string();
          break;
        case 21:
          ref = s.string();
          break;
        case 20:
          declared = s.int32();
          break;
        case 2:
          f = s.float();
          break;
        case 3:
          i = s.int64();
          break;
        case 4:
          str = s.bytes();
          break;
        case 5:
          t = tensor2(s);
          break;
        case 6:
          g = graph(s, depth + 1);
          break;
        case 22:
          sp = sparseTensor(s);
          break;
        case 14:
          tp = typeProto(s, 0);
          break;
        case 7:
          repeated(s, wire, 5, floats, () => s.float(), (p) => p.float());
          break;
        case 8:
          repeated(s, wire, 0, ints, () => s.int64(), (p) => p.int64());
          break;
        case 9:
          strings.push(s.string());
          break;
        case 10:
          tensors.push(tensor2(s));
          break;
        case 11:
          graphs.push(graph(s, depth + 1));
          break;
        case 23:
          sparse.push(sparseTensor(s));
          break;
        case 15:
          typeProtos.push(typeProto(s, 0));
          break;
        default:
          s.skip(wire);
      }
    }
    if (ref) return [name, { type: "ref", ref }];
    let type = ATTR_TYPES[declared];
    if (!type) {
      type = f !== void 0 ? "float" : i !== void 0 ? "int" : str !== void 0 ? "string" : t ? "tensor" : g ? "graph" : floats.length ? "floats" : ints.length ? "ints" : strings.length ? "strings" : tensors.length ? "tensors" : graphs.length ? "graphs" : "ints";
    }
    switch (type) {
      case "float":
        return [name, { type, value: f ?? 0 }];
      case "int":
        return [name, { type, value: i ?? 0 }];
      case "string":
        return [name, { type, value: str ? decodeUtf8(str) : "" }];
      case "tensor":
        if (!t) throw new Error(`attribute '${name}' declares a tensor but holds none`);
        return [name, { type, value: t }];
      case "graph":
        if (!g) throw new Error(`attribute '${name}' declares a graph but holds none`);
        return [name, { type, value: g }];
      case "sparse_tensor":
        if (!sp) throw new Error(`attribute '${name}' declares a sparse tensor but holds none`);
        return [name, { type, value: sp }];
      case "type_proto":
        return [name, { type, value: tp ?? null }];
      case "floats":
        return [name, { type, value: floats }];
      case "ints":
        return [name, { type, value: ints }];
      case "strings":
        return [name, { type, value: strings }];
      case "tensors":
        return [name, { type, value: tensors }];
      case "graphs":
        return [name, { type, value: graphs }];
      case "sparse_tensors":
        return [name, { type, value: sparse }];
      case "type_protos":
        return [name, { type, value: typeProtos }];
      default:
        return [name, { type: "ints", value: [] }];
    }
  });
}
function repeated(s, wire, scalarWire, out, one, fromPacked) {
  if (wire === WIRE_LEN) {
    const [start, end] = s.span();
    const p = new Reader(s.buf, start, end);
    while (!p.done) out.push(fromPacked(p));
  } else if (wire === scalarWire) {
    out.push(one());
  } else {
    s.skip(wire);
  }
}
var TYPED_FIELDS = {
  4: ["float", 5],
  5: ["int32", 0],
  7: ["int64", 0],
  10: ["double", 1],
  11: ["uint64", 0]
};
function tensor2(r) {
  return sub(r, (s) => decodeTensorBody(s));
}
function decodeTensorBody(s) {
  const t = { name: "", dtype: null, dtypeCode: 0, dims: [], storage: { kind: "empty" } };
  let raw;
  let typed;
  const strings = [];
  let external = false;
  let location = "";
  let offset = 0;
  let length = null;
  while (!s.done) {
    const tag = s.tag();
    const field = tag >>> 3;
    const wire = tag & 7;
    switch (field) {
      case 1:
        repeated(s, wire, 0, t.dims, () => s.int64(), (p) => p.int64());
        break;
      case 2:
        t.dtypeCode = s.int32();
        t.dtype = dtypeFromCode(t.dtypeCode);
        break;
      case 8:
        t.name = s.string();
        break;
      case 9:
        raw = s.bytes();
        break;
      case 6:
        strings.push(s.string());
        break;
      case 13: {
        const [k, v] = stringEntry(s);
        if (k === "location") location = v;
        else if (k === "offset") offset = Number(v);
        else if (k === "length") length = Number(v);
        break;
      }
      case 14:
        external = s.int32() === 1;
        break;
      case 4:
      case 5:
      case 7:
      case 10:
      case 11: {
        const [name, scalarWire] = TYPED_FIELDS[field];
        if (wire !== WIRE_LEN && wire !== scalarWire) {
          s.skip(wire);
          break;
        }
        typed ??= { field: name, segments: [] };
        if (wire === WIRE_LEN) {
          typed.segments.push({ packed: true, wireType: scalarWire, bytes: s.bytes() });
        } else {
          const start = s.pos;
          s.skip(wire);
          typed.segments.push({ packed: false, wireType: scalarWire, bytes: s.buf.subarray(start, s.pos) });
        }
        break;
      }
      default:
        s.skip(wire);
    }
  }
  let storage = { kind: "empty" };
  if (external) storage = { kind: "external", location, offset, length };
  else if (raw) storage = { kind: "raw", bytes: raw };
  else if (typed) storage = { kind: "field", field: typed.field, segments: typed.segments };
  else if (strings.length) storage = { kind: "strings", values: strings };
  t.storage = storage;
  return t;
}
function sparseTensor(r) {
  return sub(r, (s) => {
    let values;
    let indices;
    const dims2 = [];
    while (!s.done) {
      const tag = s.tag();
      const field = tag >>> 3;
      if (field === 1) values = tensor2(s);
      else if (field === 2) indices = tensor2(s);
      else if (field === 3) repeated(s, tag & 7, 0, dims2, () => s.int64(), (p) => p.int64());
      else s.skip(tag & 7);
    }
    const empty = () => ({ name: "", dtype: null, dtypeCode: 0, dims: [0], storage: { kind: "empty" } });
    const v = values ?? empty();
    return { name: v.name, values: v, indices: indices ?? empty(), dims: dims2 };
  });
}
function valueInfo(r) {
  return sub(r, (s) => {
    const vi = { name: "", type: null };
    while (!s.done) {
      const tag = s.tag();
      if (tag === (1 << 3 | WIRE_LEN)) vi.name = s.string();
      else if (tag === (2 << 3 | WIRE_LEN)) vi.type = typeProto(s, 0);
      else s.skip(tag & 7);
    }
    return vi;
  });
}
function typeProto(r, depth) {
  if (depth > MAX_DEPTH) throw new Error("types nested too deeply");
  return sub(r, (s) => {
    let out = null;
    while (!s.done) {
      const tag = s.tag();
      const field = tag >>> 3;
      if ((tag & 7) !== WIRE_LEN) {
        s.skip(tag & 7);
        continue;
      }
      switch (field) {
        case 1:
        case 8: {
          const [dtype, shape] = tensorType(s);
          out = { kind: field === 1 ? "tensor" : "sparse", dtype, shape };
          break;
        }
        case 4:
          out = { kind: "sequence", elem: sub(s, (q) => innerType(q, depth)) };
          break;
        case 9:
          out = { kind: "optional", elem: sub(s, (q) => innerType(q, depth)) };
          break;
        case 5:
          out = sub(s, (q) => {
            let key2 = 0;
            let value2 = null;
            while (!q.done) {
              const t = q.tag();
              if (t === (1 << 3 | WIRE_VARINT)) key2 = q.int32();
              else if (t === (2 << 3 | WIRE_LEN)) value2 = typeProto(q, depth + 1);
              else q.skip(t & 7);
            }
            return { kind: "map", key: dtypeFromCode(key2), value: value2 };
          });
          break;
        default:
          s.skip(WIRE_LEN);
      }
    }
    return out;
  });
}
function innerType(q, depth) {
  let elem = null;
  while (!q.done) {
    const t = q.tag();
    if (t === (1 << 3 | WIRE_LEN)) elem = typeProto(q, depth + 1);
    else q.skip(t & 7);
  }
  return elem;
}
function tensorType(r) {
  return sub(r, (s) => {
    let dtype = null;
    let shape = null;
    while (!s.done) {
      const tag = s.tag();
      if (tag === (1 << 3 | WIRE_VARINT)) dtype = dtypeFromCode(s.int32());
      else if (tag === (2 << 3 | WIRE_LEN)) shape = tensorShape(s);
      else s.skip(tag & 7);
    }
    return [dtype, shape];
  });
}
function tensorShape(r) {
  return sub(r, (s) => {
    const dims2 = [];
    while (!s.done) {
      const tag = s.tag();
      if (tag !== (1 << 3 | WIRE_LEN)) {
        s.skip(tag & 7);
        continue;
      }
      dims2.push(
        sub(s, (d) => {
          let dim = null;
          while (!d.done) {
            const t = d.tag();
            if (t === (1 << 3 | WIRE_VARINT)) dim = d.int64();
            else if (t === (2 << 3 | WIRE_LEN)) {
              const p = d.string();
              dim = p === "" ? null : p;
            } else d.skip(t & 7);
          }
          return dim;
        })
      );
    }
    return dims2;
  });
}
function functionProto(r) {
  return sub(r, (s) => {
    const f = {
      name: "",
      domain: "",
      overload: "",
      inputs: [],
      outputs: [],
      attributes: [],
      attributeDefaults: /* @__PURE__ */ new Map(),
      nodes: [],
      opsetImports: /* @__PURE__ */ new Map()
    };
    while (!s.done) {
      const tag = s.tag();
      const field = tag >>> 3;
      if ((tag & 7) !== WIRE_LEN) {
        s.skip(tag & 7);
        continue;
      }
      switch (field) {
        case 1:
          f.name = s.string();
          break;
        case 4:
          f.inputs.push(s.string());
          break;
        case 5:
          f.outputs.push(s.string());
          break;
        case 6:
          f.attributes.push(s.string());
          break;
        case 11: {
          const [name, attr] = attribute(s, 1);
          f.attributeDefaults.set(name, attr);
          f.attributes.push(name);
          break;
        }
        case 7:
          f.nodes.push(node(s, 1));
          break;
        case 9: {
          const [domain, version] = opsetId(s);
          f.opsetImports.set(domain, version);
          break;
        }
        case 10:
          f.domain = normDomain(s.string());
          break;
        case 13:
          f.overload = s.string();
          break;
        default:
          s.skip(WIRE_LEN);
      }
    }
    return f;
  });
}

// src/onnx/sniff.ts
var LFS_HEADER = "version https://git-lfs.github.com/spec/v1";
function startsWith(bytes, ascii, at = 0) {
  if (bytes.length < at + ascii.length) return false;
  for (let i = 0; i < ascii.length; i++) if (bytes[at + i] !== ascii.charCodeAt(i)) return false;
  return true;
}
function sniff(bytes) {
  if (bytes.length === 0) return { kind: "empty" };
  if (startsWith(bytes, LFS_HEADER)) {
    const text2 = new TextDecoder().decode(bytes.subarray(0, Math.min(bytes.length, 1024)));
    const oid = /oid sha256:([0-9a-f]{64})/.exec(text2)?.[1] ?? null;
    const size = /\nsize (\d+)/.exec(text2)?.[1];
    return { kind: "lfs-pointer", oid, size: size ? Number(size) : null };
  }
  if (startsWith(bytes, "PK")) return { kind: "other", what: "a ZIP archive (a PyTorch checkpoint or .mar/.nemo bundle?)" };
  if (startsWith(bytes, "TFL3", 4)) return { kind: "other", what: "a TensorFlow Lite model" };
  if (startsWith(bytes, "ORTM", 4)) return { kind: "other", what: "an ONNX Runtime (.ort) model, not an .onnx file" };
  if (startsWith(bytes, "\x89HDF")) return { kind: "other", what: "an HDF5 file (a Keras model?)" };
  if (startsWith(bytes, "GGUF")) return { kind: "other", what: "a GGUF model" };
  if (bytes[0] === 128 && (bytes[1] === 2 || bytes[1] === 3 || bytes[1] === 4 || bytes[1] === 5))
    return { kind: "other", what: "a Python pickle (a PyTorch checkpoint?)" };
  if (bytes.length >= 9 && bytes[8] === 123 && readU64LE(bytes) < bytes.length)
    return { kind: "other", what: "a safetensors file" };
  if (looksLikeText(bytes)) return { kind: "other", what: "a text file" };
  const first = bytes[0];
  const field = first >> 3;
  const wire = first & 7;
  const knownField = field >= 1 && field <= 25 && (wire === 0 || wire === 2);
  if (!knownField) return { kind: "other", what: "not a protobuf ModelProto" };
  return { kind: "protobuf" };
}
function readU64LE(b) {
  let v = 0;
  for (let i = 7; i >= 0; i--) v = v * 256 + b[i];
  return v;
}
function looksLikeText(bytes) {
  const n = Math.min(bytes.length, 512);
  for (let i = 0; i < n; i++) {
    const c = bytes[i];
    if (c === 9 || c === 10 || c === 13) continue;
    if (c < 32 || c === 127) return false;
  }
  return true;
}

// src/io/load-model.ts
function loadModelFile(path, options = {}) {
  let bytes;
  try {
    if (statSync(path).isDirectory()) throw new InputError(path, "is a directory, not a model file");
    bytes = readFileSync(path);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code2 = e.code;
    throw new InputError(path, code2 === "ENOENT" ? "no such file" : `cannot be read (${code2 ?? e.message})`);
  }
  const model = decodeBytes(path, bytes);
  const notices = checkExternalData(path, model, options);
  return { path, bytes: bytes.byteLength, model, notices };
}
function decodeBytes(path, bytes) {
  const kind2 = sniff(bytes);
  switch (kind2.kind) {
    case "empty":
      throw new InputError(path, "is empty (0 bytes), not an ONNX model");
    case "lfs-pointer":
      throw new InputError(
        path,
        `is a Git LFS pointer${kind2.size !== null ? ` to a ${kind2.size}-byte file` : ""}, not the model: fetch it with \`git lfs pull\` (actions/checkout: \`lfs: true\`)`
      );
    case "other":
      throw new InputError(path, `is ${kind2.what}, not an ONNX model`);
  }
  try {
    return decodeModel(bytes);
  } catch (e) {
    if (e instanceof DecodeError) {
      const truncated = /truncated|runs past the end/.test(e.message);
      throw new InputError(
        path,
        truncated ? `is truncated or corrupted: ${e.message} of ${bytes.length}` : `is not a valid ONNX model: ${e.message}`
      );
    }
    if (e instanceof RangeError) throw new InputError(path, `is not a valid ONNX model: ${e.message}`);
    throw new InputError(path, `is not a valid ONNX model: ${e.message}`);
  }
}
function* externalTensors(g) {
  for (const t of g.initializers) if (t.storage.kind === "external") yield t;
  for (const sp of g.sparseInitializers) if (sp.values.storage.kind === "external") yield sp.values;
  for (const n of g.nodes) {
    for (const a of n.attrs.values()) {
      if (a.type === "tensor" && a.value.storage.kind === "external") yield a.value;
      if (a.type === "graph") yield* externalTensors(a.value);
      if (a.type === "graphs") for (const sg of a.value) yield* externalTensors(sg);
    }
  }
}
function checkExternalData(path, model, options) {
  const folder = resolve(dirname(path));
  const sizes = /* @__PURE__ */ new Map();
  const missing = /* @__PURE__ */ new Set();
  for (const t of externalTensors(model.graph)) {
    if (t.storage.kind !== "external") continue;
    const { location, offset, length } = t.storage;
    if (!location) throw new InputError(path, `tensor '${t.name}' is stored externally but names no file`);
    const target = resolve(folder, location);
    const rel = relative(folder, target);
    if (isAbsolute(location) || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
      throw new InputError(path, `tensor '${t.name}' points outside the model's folder (location '${location}'): refused`);
    }
    if (!sizes.has(target)) {
      try {
        sizes.set(target, statSync(target).size);
      } catch {
        sizes.set(target, null);
      }
    }
    const size = sizes.get(target);
    if (size === null) {
      if (!options.allowMissingWeights) {
        throw new InputError(path, `external data file '${location}' (for tensor '${t.name}') is missing; pass --allow-missing-weights to analyse the graph alone`);
      }
      missing.add(location);
      continue;
    }
    const end = offset + (length ?? 0);
    if (end > size) {
      throw new InputError(path, `external data file '${location}' is too short for tensor '${t.name}' (needs ${end} bytes, has ${size})`);
    }
  }
  return [...missing].map((m) => `external weight file '${m}' is absent: analysed from the graph alone`);
}

// src/io/analyze-file.ts
function analyzeFile(path, options = {}) {
  const loaded = loadModelFile(path, { allowMissingWeights: options.allowMissingWeights });
  const m = loaded.model;
  let inferred;
  try {
    inferred = inferModel(m, { dims: options.dims });
  } catch (e) {
    if (e instanceof GraphError) throw new InputError(path, e.message);
    throw e;
  }
  const producer = [m.producerName, m.producerVersion].filter(Boolean).join(" ");
  return modelReport(
    { path: options.displayPath ?? path, fileBytes: loaded.bytes, irVersion: m.irVersion, producer, notices: loaded.notices },
    inferred
  );
}

// src/devices/catalog.ts
var T = 1e12;
var G = 1e9;
var GiB = 1024 ** 3;
var NOT_OPENED = "not opened in this review";
var SOURCES = {
  // --- NVIDIA datacenter GPUs -------------------------------------------------------------
  "hpctech-h100": {
    title: `HPC Technologies: NVIDIA H100 SXM / PCIe specification table (reproduces NVIDIA's H100 datasheet: "* Shown with sparsity. Specifications 1/2 lower without sparsity")`,
    url: "https://archive-lib.hpctech.co.jp/gpuproduct/nvidia-h100.html"
  },
  "klockwood-h100": {
    title: "Glenn K. Lockwood, H100 notes: 132 SMs, 528 tensor cores, 1.83 GHz (low precision), dense and sparse TFLOPS per data type",
    url: "https://glennklockwood.com/garden/processors/h100"
  },
  "klockwood-a100": {
    title: "Glenn K. Lockwood, A100 notes: A100 40G / 80G SXM4 (1.555 / 2.039 TB/s, 400 W) and the TFLOPS table from NVIDIA's A100 datasheet r4 and Ampere whitepaper",
    url: "https://glennklockwood.com/garden/processors/A100"
  },
  "pc2-a100": {
    title: "Paderborn Center for Parallel Computing wiki, NVIDIA A100 40GB with NVLink: spec table (dense | sparse*) and deviceQuery (108 SMs, 432 tensor cores, 1410 MHz)",
    url: "https://upb-pc2.atlassian.net/wiki/spaces/PC2DOK/pages/1900609/NVIDIA+A100+40GB+with+NVLINK"
  },
  "lightning-flops": {
    title: "Lightning _CUDA_FLOPS table @0810121f (dense figures from NVIDIA datasheets, sparsity halved: H100, A100, A10G, T4)",
    url: "https://github.com/Lightning-AI/pytorch-lightning/blob/0810121fef07bc70c1bf4706a81ecb47d2e6ad17/src/lightning/fabric/utilities/throughput.py"
  },
  "nvidia-a10-datasheet": {
    title: `NVIDIA A10 Tensor Core GPU datasheet (URL as cited by Lightning's table; the PDF was ${NOT_OPENED})`,
    url: "https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/a10/pdf/a10-datasheet.pdf"
  },
  "sysrqmts-a10": {
    title: "sysrqmts.com, A10 PCIe (TechPowerUp-derived): 9216 shaders, 1695 MHz boost, 31.24 TFLOPS FP32, 976.3 GFLOPS FP64 (1:32), 384-bit 12.5 Gbps = 600.2 GB/s",
    url: "https://sysrqmts.com/ru/gpus/compare/nvidia-a10-pcie-vs-nvidia-quadro-rtx-4000"
  },
  "sysrqmts-a10-power": {
    title: "sysrqmts.com, A10 PCIe vs A2: A10 TDP 150 W",
    url: "https://sysrqmts.com/vi/gpus/compare/nvidia-a10-pcie-vs-nvidia-a2"
  },
  "baseten-a10": {
    title: 'Baseten, "NVIDIA A10 vs A10G for ML model inference": both 24 GB GDDR6 at 600 GB/s; A10G tensor rates differ',
    url: "https://www.baseten.co/blog/nvidia-a10-vs-a10g-for-ml-model-inference/"
  },
  "sysrqmts-t4": {
    title: "sysrqmts.com, Tesla T4 (TechPowerUp-derived): 2560 shaders, 320 tensor cores, 1590 MHz boost, 256-bit 10 Gbps GDDR6 = 320 GB/s, FP64 254.4 GFLOPS (1:32), 70 W",
    url: "https://sysrqmts.com/en/gpus/nvidia/tesla/t4"
  },
  "geektopia-t4": {
    title: 'Geektopia, "Nvidia presenta la Tesla T4" (launch: 8.1 TFLOPS FP32, 65 TFLOPS FP16, 130 TOPS INT8, 260 TOPS INT4)',
    url: "https://geektopia.es/es/technology/2018/09/13/noticias/nvidia-presenta-la-nueva-tesla-t4-basada-en-turing-orientada-a-inteligencia-artificial.html"
  },
  "sourcecode-l4-l40s": {
    title: "Source Code store, L4 / L40S comparison (NVIDIA spec data: L4 300 GB/s, INT8 485 TOPS and TF32 120 TFLOPS 'Sparsity'; L40S 864 GB/s)",
    url: "https://store.sourcecode.com/en-us/bg-bucket-compare/125/9820"
  },
  "grokipedia-l4-l40s": {
    title: 'Grokipedia, NVIDIA L4 vs L40S (L4: 72 W, 24 GB, 300 GB/s, FP16 242 and FP8/INT8 485 "with sparsity"; L40S: 350 W, 48 GB, 864 GB/s, FP32 91.6, FP8 1,466)',
    url: "https://grokipedia.com/page/NVIDIA_L4_vs_L40S"
  },
  "fpsbench-l4": {
    title: "FPSBench, L4 vs Tesla M40 (TechPowerUp-derived: 7424 shaders, 2040 MHz boost, 30.29 TFLOPS FP32, 473.3 GFLOPS FP64 (1:64), 300.1 GB/s, 72 W)",
    url: "https://fpsbench.com/compare/gpu/nvidia-l4-vs-nvidia-tesla-m40"
  },
  "mullet-l40s": {
    title: "mullet.se, NVIDIA L40 / L40S table (reseller copy of NVIDIA's table; * = with sparsity; L40S 350 W)",
    url: "https://www.mullet.se/product.html?product_id=355414"
  },
  "itcreations-l40s": {
    title: "IT Creations, NVIDIA L40S: 18,176 cores, 2520 MHz boost, FP64 1,431 GFLOPS (1:64), 48 GB, 864 GB/s",
    url: "https://www.itcreations.com/nvidia-gpu/nvidia-l40s-gpu-accelerator"
  },
  "aiminingco-h200": {
    title: "AI Mining Co, H200 specs: same GH100 die as H100, 141 GB HBM3e at 4.8 TB/s, 700 W TDP like H100 SXM",
    url: "https://www.aiminingco.com/gpu/h200/specs"
  },
  "mlcommons-h200": {
    title: 'MLCommons inference v4.1, NVIDIA H200-SXM-141GBx8 system description ("141 GB" HBM3e, "H200 TGP 700W")',
    url: "https://github.com/mlcommons/inference_results_v4.1/blob/main/closed/NVIDIA/systems/H200-SXM-141GBx8_TRT_MaxQ.json"
  },
  "sysrqmts-p100": {
    title: "sysrqmts.com, Tesla P100 SXM2 (TechPowerUp-derived): 3584 shaders, 1480 MHz boost, 4096-bit HBM2 732.2 GB/s, FP64 5.304 / FP32 10.61 / FP16 21.22 TFLOPS, 300 W",
    url: "https://sysrqmts.com/gpus/compare/nvidia-tesla-p100-sxm2-vs-nvidia-tesla-p40"
  },
  "tech4gamers-p100": {
    title: "Tech4Gamers, Tesla P100 variants table (NVLink P100: 1480 MHz boost, 21.2 / 10.6 / 5.3 TFLOPS, 720 GB/s)",
    url: "https://tech4gamers.com/nvidia-tesla-p100-will-be-available-in-two-variants-of-16gb-12gb-hbm2/"
  },
  // --- GeForce ---------------------------------------------------------------------------
  "holynerdvana-3090": {
    title: "GeForce RTX 3090 specifications: 82 SMs, 10,496 cores, 328 tensor cores, 1695 MHz boost, 35.6 TFLOPS FP32, FP16 142 (285 sparse), 936 GB/s, 350 W",
    url: "https://holynerdvana.blogspot.com/2022/10/nvidia-geforce-rtx-3090-specifications.html"
  },
  "nvidia-ga102-whitepaper": {
    title: `NVIDIA Ampere GA102 GPU Architecture whitepaper v2, Appendix A (GeForce RTX 3090) - ${NOT_OPENED} (only its table of contents); tensor figures from the project reference notes`,
    url: "https://www.nvidia.com/content/PDF/nvidia-ampere-ga-102-gpu-architecture-whitepaper-v2.pdf"
  },
  "waredb-4090": {
    title: "WareDB, GeForce RTX 4090: vector and tensor rates, dense and sparse (FP16/BF16 165.15, FP8 330.30, INT8 660.60, INT4 1321.21, TF32 82.58 dense), 1008 GB/s",
    url: "https://waredb.com/processor/nvidia-geforce-rtx-4090"
  },
  "incpak-4090": {
    title: "Incpak, RTX 40 series announcement: RTX 4090 16,384 CUDA cores, 2.52 GHz boost, 82.6 TFLOPS, 24 GB GDDR6X, 450 W",
    url: "https://incpak.com/?p=136649"
  },
  // --- Jetson ----------------------------------------------------------------------------
  "ultralytics-jetson": {
    title: "Ultralytics NVIDIA Jetson guide @01007503, series comparison table (from NVIDIA's jetson-modules page): cores, GPU max clock, memory, bandwidth, AI TOPS",
    url: "https://github.com/ultralytics/ultralytics/blob/01007503ffb223506d5b4b76d69e1e7145f49693/docs/en/guides/nvidia-jetson.md"
  },
  "nvidia-jetson-modules": {
    title: `NVIDIA Jetson modules technical specifications (cited by the Ultralytics table; ${NOT_OPENED})`,
    url: "https://developer.nvidia.com/embedded/jetson-modules"
  },
  "nvidia-dla-readme": {
    title: "NVIDIA Deep-Learning-Accelerator-SW README @1da860cc: AGX Orin 64GB MAXN = GPU 171 + 2x DLA 105 sparse INT8 TOPS = 275; Orin NX 16GB DLA max comparable to AGX 15 W mode",
    url: "https://github.com/NVIDIA/Deep-Learning-Accelerator-SW/blob/1da860ccb9b93f31a15a0325ff78b3938eccd5f9/README.md"
  },
  "fixstars-agx-orin": {
    title: "Fixstars blog, Jetson AGX Orin vs AGX Thor: AGX Orin 15-60 W configurable, up to 275 sparse INT8 TOPS at MAXN",
    url: "https://blog.us.fixstars.com/?p=1855&preview=true"
  },
  "orin-nano-datasheet": {
    title: 'Jetson Orin Nano series datasheet (Scribd copy): 8GB = 1024 CUDA / 32 tensor cores, GPU max 625 MHz, 128-bit LPDDR5; 4GB "up to 20 (Sparse) INT8 TOPs and 10 (Dense)"',
    url: "https://www.scribd.com/document/673174036/Orin-nano-datasheet"
  },
  "orin-nano-super": {
    title: "Jetson Orin Nano Super deep dive (from NVIDIA's Super developer kit datasheet): GPU 1.02 GHz (was 625 MHz), 102 GB/s (was 68), 67 TOPS (was 40) sparse INT8, 15 W -> 25 W, DLAs fused off",
    url: "https://www.brojogopalsapui.com/ai-foundations/sub_contents/AI_hardware/jetson_orin_nano_light.html"
  },
  "xavier-nx-datasheet": {
    title: "Jetson Xavier NX data sheet DA-09366-001 [preliminary] (documents.pub copy): up to 21 TOPS INT8, 384 CUDA / 48 tensor cores at 1100 MHz, 8 GB 128-bit LPDDR4x at 1600 MHz",
    url: "https://documents.pub/document/data-sheet-preliminary-nvidia-jetson-xavier-nx-system-on-xavier-nx-data-sheetpdf.html"
  },
  "xavier-nx-datasheet-v13": {
    title: "Jetson Xavier NX data sheet v1.3 (Scribd copy): supported power modes 10 W - 15 W",
    url: "https://www.scribd.com/document/467713153/Jetson-Xavier-NX-Data-Sheet-v1-3"
  },
  "sysrqmts-jetson-nano": {
    title: "sysrqmts.com, Jetson Nano GPU (GM20B, TechPowerUp-derived): 128 shaders, 921 MHz boost, FP16 471.6 GFLOPS (2:1), FP32 235.8 GFLOPS",
    url: "https://sysrqmts.com/ru/gpus/compare/nvidia-geforce4-mx-4000-rev-2-vs-nvidia-jetson-nano-gpu"
  },
  "alldbin-jetson-nano-m1": {
    title: "alldbin.com, Jetson Nano GPU vs Apple M1 7-core GPU: Jetson Nano 921 MHz, 64-bit LPDDR4 25.6 GB/s, 10 W; M1 GPU core clock 1278 MHz",
    url: "https://cpu-gpu.alldbin.com/graphics-card-comparison/Jetson-Nano-GPU-and-Apple-M1-7-Core-GPU-comparison.html"
  },
  // --- Raspberry Pi and Arm cores ----------------------------------------------------------
  "rpi-beginners-guide": {
    title: "The Official Raspberry Pi Beginner's Guide, appendix F: Pi 4 = 4x Cortex-A72 at 1.5 GHz, LPDDR4 at 3,200 MHz",
    url: "https://issuu.com/28rduan/docs/raspberrypi_beginnersguide_v3/236"
  },
  "wikiwand-rpi4": {
    title: "Wikipedia (Wikiwand), Raspberry Pi 4: Cortex-A72 at 1.5 GHz (B0) or 1.8 GHz (C0 stepping, from mid-2021)",
    url: "https://www.wikiwand.com/en/articles/Raspberry_Pi_4"
  },
  "flatlib-a72": {
    title: "flatlib vfpbench on Cortex-A72: 8 single-precision FLOP per cycle per core (SIMD4 FMA), double precision half of that",
    url: "https://wlog.flatlib.jp/2015/10/30/n1787/"
  },
  "circuitdigest-rpi5": {
    title: "CircuitDigest, Raspberry Pi 5 launch: BCM2712, 4x Cortex-A76 at 2.4 GHz, 32-bit LPDDR4X at 4267 MT/s",
    url: "https://circuitdigest.com/news/the-new-raspberry-pi-5-is-here-faster-than-ever"
  },
  "anandtech-a76": {
    title: "AnandTech, Arm Cortex-A76 back-end: two ASIMD/FP pipelines, FP arithmetic throughput 2 per cycle",
    url: "https://www.anandtech.com/show/12785/arm-cortex-a76-cpu-unveiled-7nm-powerhouse/3"
  },
  "arm-simd-history": {
    title: "Arm vector extensions overview: Armv8.2-A (A75 and later) adds FP16 arithmetic and SDOT/UDOT int8 dot products on 128-bit NEON",
    url: "https://brendanjameslynskey.github.io/Cortex_A/04-vector-extensions/"
  },
  "geerling-hpl": {
    title: "geerlingguy/top500-benchmark README @0137a2ea: measured HPL FP64 (Pi 4 at 1.8 GHz 11.889 Gflops, 7.2 W; Pi 5 at 2.4 GHz 30.249 Gflops, 11 W)",
    url: "https://github.com/geerlingguy/top500-benchmark/blob/0137a2ea46ba02acf16ebca1d9c8c8d2dead1f56/README.md"
  },
  // --- Apple -------------------------------------------------------------------------------
  "macrumors-m1": {
    title: 'MacRumors, "Apple Announces M1 Chip" 2020-11-10: 8-core GPU with 2.6 teraflops; Neural Engine 11 trillion operations per second',
    url: "https://www.macrumors.com/2020/11/10/apple-announces-m1-chip-for-the-mac/"
  },
  "macrumors-m2": {
    title: 'MacRumors, "Apple Announces M2 Chip" 2022-06-06: 100GB/s unified memory bandwidth, up to 24GB LPDDR5, 10-core GPU',
    url: "https://www.macrumors.com/2022/06/06/apple-announces-m2-chip-with-support-for-up-to-24gb-memory/"
  },
  "geekygadgets-m2": {
    title: "Geeky Gadgets, Apple M2: Neural Engine 15.8 trillion operations per second",
    url: "https://www.geeky-gadgets.com/apple-m2-10-core-gpu-07-06-2022/"
  },
  "askgeek-m2": {
    title: "AskGeek, Apple M2 (10-core GPU): 1398 MHz, 3.578 TFLOPS FP32, LPDDR5-6400",
    url: "https://askgeek.io/es/cpus/Apple/M2-10-core-GPU"
  },
  "hmctech-m3": {
    title: "HMC Tech, Apple 10-core M3 GPU: 1280 shaders, 1398 MHz, 3.58 TFLOPS FP32",
    url: "https://hmc-tech.com/gpu/apple_10_core_m3"
  },
  "apple-m3-release": {
    title: 'Apple press release (Business Wire reprint), 2023-10-30 "Apple unveils M3, M3 Pro, and M3 Max": Neural Engine 60% faster than in M1',
    url: "https://www.taranganews.com/news/apple-unveils-m3-m3-pro-and-m3-max-the-most-advanced-chips-for-personal-computers/"
  },
  "wikipedia-m3": {
    title: "Wikipedia, Apple M3 (mirror): LPDDR5-6400; M3 has 8 memory controllers, each 16 bits wide",
    url: "https://wikihandbk.com/wiki/%D0%90%D0%BD%D0%B3%D0%BB%D0%B8%D0%B9%D1%81%D0%BA%D0%B0%D1%8F_%D0%92%D0%B8%D0%BA%D0%B8%D0%BF%D0%B5%D0%B4%D0%B8%D1%8F:Apple_M3"
  },
  "coremltools-quant-perf": {
    title: "coremltools guide, quantization performance: increased int8-int8 throughput on the Neural Engine only on A17 Pro / M4 and newer",
    url: "https://apple.github.io/coremltools/docs-guides/source/opt-quantization-perf.html"
  },
  "neural-engine-16bit": {
    title: 'hollance/neural-engine notes (mirror), "16-bit": the ANE appears to use float16 for everything',
    url: "https://github.com/michaelbernstein/neural-engine/blob/master/docs/16-bit.md"
  },
  // --- x86 and Arm servers -------------------------------------------------------------------
  "intel-ark-i7-12700": {
    title: `Intel ARK, Core i7-12700 (${NOT_OPENED}: clocks, power and memory figures from the project reference notes and memory, unverified)`,
    url: "https://ark.intel.com/content/www/us/en/ark/search.html?_charset_=UTF-8&q=i7-12700"
  },
  "maxpc-golden-cove": {
    title: "Maximum PC 2022-02, Alder Lake: Golden Cove supports AVX-512 but it is disabled on consumer desktop parts (AVX2 only)",
    url: "https://issuhub.com/view/index/50447?pageIndex=31"
  },
  "intel-ark-8480": {
    title: `Intel ARK, Xeon Platinum 8480+ (${NOT_OPENED}: the 2.0 GHz base clock is from the project reference notes, unverified)`,
    url: "https://ark.intel.com/content/www/us/en/ark/search.html?_charset_=UTF-8&q=8480%2B"
  },
  "computerbase-spr": {
    title: "ComputerBase, Sapphire Rapids lineup: the mainstream series tops out at 56 cores with the Xeon Platinum 8480+; 350 W TDP class",
    url: "https://computerbase.de/2022-09/xeon-platinum-8490h-intels-erster-60-kerner-fuer-server-im-detail"
  },
  "wccftech-spr": {
    title: "Wccftech, Sapphire Rapids-SP lineup leak: up to 3.8 GHz, 350 W TDP, 8-channel DDR5, AMX",
    url: "https://wccftech.com/full-intel-sapphire-rapids-sp-xeon-cpu-family-specifications-leak-out-up-to-60-cores-up-to-3-8-ghz-350w-tdp/"
  },
  "wikipedia-amx": {
    title: "Wikipedia (WikiMili mirror), Advanced Matrix Extensions: a 4th Gen Xeon core performs 2048 INT8 or 1024 BF16 operations per cycle",
    url: "https://wikimili.com/en/Advanced_Matrix_Extensions"
  },
  "wikichip-graviton3": {
    title: "WikiChip, AWS Graviton3: 64 Neoverse V1 cores at 2.6 GHz, octa-channel DDR5-4800 = 307.2 GB/s",
    url: "https://en.wikichip.org/wiki/AWS_Graviton3"
  },
  "lemire-sve-graviton3": {
    title: 'D. Lemire, "Mixing ARM NEON with SVE code" (read via a mirror): Graviton 3 / Neoverse V1 has 256-bit SVE vectors',
    url: "https://lemire.me/blog/2025/03/29/mixing-arm-neon-with-sve-code-for-fun-and-profit/"
  },
  // --- NPUs ----------------------------------------------------------------------------------
  "coral-faq": {
    title: "Coral, Edge TPU FAQ: 4 trillion (fixed-point) operations per second (4 TOPS) using 2 watts",
    url: "https://coral.ai/docs/edgetpu/faq"
  },
  "applied-ee-coral": {
    title: "Applied EE notes, Google Coral Edge TPU: 8 MB on-chip SRAM for parameter caching; host interface USB 3.0 or PCIe Gen2 x1",
    url: "https://applied-ee.github.io/embedded/docs/edge-ai/hardware-accelerators/coral-edge-tpu/"
  },
  "cnx-hailo8": {
    title: "CNX Software, Hailo-8 briefing: 26 TOPS, memory self-contained on the chip, no external DRAM",
    url: "https://cnx-software.com/?p=81068"
  },
  "branes-hailo": {
    title: "branes-ai/graphs docs, Hailo edge AI (mirror): Hailo-8 26 TOPS INT8 at 2.5 W typical, 8.65 W peak",
    url: "https://github.com/branes-ai/graphs/blob/main/docs/hardware/hailo_edge_ai.md"
  },
  "hailo-community-lanes": {
    title: "Hailo Community, Hailo-8 vs Hailo-8L: the Hailo-8 M.2 key M module has 4 PCIe lanes (B+M and A+E keys: 2)",
    url: "https://community.hailo.ai/t/what-are-differences-between-hailo-8-and-hailo-8l/1675"
  }
};
var busDerivation = (bytes, gtPerSec, note = "B/s: cores = bus width in bytes, clock = transfer rate in GT/s") => ({
  cores: bytes,
  clockGHz: gtPerSec,
  opsPerCyclePerCore: 1,
  unit: note
});
var SPARSE_HALVED = 'NVIDIA prints it "with sparsity"; halved to the dense rate';
var DEVICES = [
  // ===================================== datacenter GPUs =====================================
  {
    id: "t4",
    name: "NVIDIA T4 16GB",
    class: "datacenter-gpu",
    peak: {
      fp64: {
        value: 254.4 * G,
        source: "sysrqmts-t4",
        note: "1:32 of FP32 (TechPowerUp-derived; NVIDIA does not publish it)",
        derivation: { cores: 2560, clockGHz: 1.59, opsPerCyclePerCore: 2 / 32 }
      },
      fp32: {
        value: 8.1 * T,
        source: "lightning-flops",
        note: "datasheet figure; 2560 cores x 1.59 GHz x 2 = 8.14"
      },
      fp16: {
        value: 65 * T,
        source: "lightning-flops",
        note: 'tensor cores, "mixed precision" (FP16 multiply, FP32 accumulate): 320 x 1.59 GHz x 128 = 65.1. Turing has no structured sparsity, so every T4 figure is dense. No BF16 or TF32 on Turing'
      },
      int8: { value: 130 * T, source: "lightning-flops", note: "dense (Turing has no sparsity)" },
      int4: { value: 260 * T, source: "geektopia-t4", note: "dense (Turing has no sparsity)" }
    },
    bandwidth: {
      value: 320 * G,
      source: "sysrqmts-t4",
      note: 'the two NVIDIA documents disagree: the T4 datasheet says 300 GB/s, the product page "320+ GB/s"; 256-bit x 10 Gbps GDDR6 = 320 GB/s is used',
      derivation: busDerivation(32, 10)
    },
    memory: { value: 16 * GiB, source: "sysrqmts-t4" },
    power: { value: 70, source: "sysrqmts-t4" }
  },
  {
    id: "a10",
    name: "NVIDIA A10 24GB",
    class: "datacenter-gpu",
    peak: {
      fp64: {
        value: 976.3 * G,
        source: "sysrqmts-a10",
        note: "1:32 of FP32 (TechPowerUp-derived; not in the datasheet)",
        derivation: { cores: 9216, clockGHz: 1.695, opsPerCyclePerCore: 2 / 32 }
      },
      fp32: {
        value: 31.2 * T,
        source: "lightning-flops",
        derivation: { cores: 9216, clockGHz: 1.695, opsPerCyclePerCore: 2 }
      },
      tf32: {
        value: 62.5 * T,
        source: "nvidia-a10-datasheet",
        note: `datasheet 125 with sparsity, halved; not re-verified in this review`
      },
      fp16: {
        value: 125 * T,
        source: "lightning-flops",
        note: `datasheet 250 with sparsity, halved (Lightning lists the dense 125 for A10G from the A10 datasheet). Datacenter GA102: FP32 accumulate at full rate`
      },
      bf16: { value: 125 * T, source: "lightning-flops", note: "as fp16" },
      int8: {
        value: 250 * T,
        source: "nvidia-a10-datasheet",
        note: "datasheet 500 with sparsity, halved; not re-verified in this review"
      },
      int4: {
        value: 500 * T,
        source: "nvidia-a10-datasheet",
        note: "datasheet 1000 with sparsity, halved; not re-verified in this review"
      }
    },
    bandwidth: { value: 600 * G, source: "baseten-a10", note: "A10G (AWS G5) has the same memory and bandwidth but different tensor rates" },
    memory: { value: 24 * GiB, source: "baseten-a10" },
    power: { value: 150, source: "sysrqmts-a10-power" }
  },
  {
    id: "l4",
    name: "NVIDIA L4 24GB",
    class: "datacenter-gpu",
    peak: {
      fp64: {
        value: 473.3 * G,
        source: "fpsbench-l4",
        note: "1:64 of FP32 (TechPowerUp-derived)",
        derivation: { cores: 7424, clockGHz: 2.04, opsPerCyclePerCore: 2 / 64 }
      },
      fp32: {
        value: 30.3 * T,
        source: "fpsbench-l4",
        note: "NVIDIA: 30.3 TFLOPS",
        derivation: { cores: 7424, clockGHz: 2.04, opsPerCyclePerCore: 2 }
      },
      tf32: { value: 60 * T, source: "sourcecode-l4-l40s", note: `120 "Sparsity"; ${SPARSE_HALVED}` },
      fp16: {
        value: 121 * T,
        source: "grokipedia-l4-l40s",
        note: `242 with sparsity; ${SPARSE_HALVED} (NVIDIA: "Specifications are one-half lower without sparsity")`
      },
      bf16: { value: 121 * T, source: "grokipedia-l4-l40s", note: "as fp16" },
      fp8: { value: 242.5 * T, source: "grokipedia-l4-l40s", note: `485 with sparsity; ${SPARSE_HALVED}` },
      int8: { value: 242.5 * T, source: "sourcecode-l4-l40s", note: `485 "Sparsity"; ${SPARSE_HALVED}` }
    },
    bandwidth: { value: 300 * G, source: "sourcecode-l4-l40s" },
    memory: { value: 24 * GiB, source: "grokipedia-l4-l40s" },
    power: { value: 72, source: "grokipedia-l4-l40s" },
    notes: ["INT4 is not in the L4 datasheet figures read here, so none is listed (int4 work falls back to int8)."]
  },
  {
    id: "a100-40gb-sxm",
    name: "NVIDIA A100 SXM4 40GB",
    class: "datacenter-gpu",
    peak: {
      fp64: { value: 19.5 * T, source: "klockwood-a100", note: "FP64 tensor core (DGEMM); non-tensor FP64 is 9.7" },
      fp32: { value: 19.5 * T, source: "klockwood-a100", note: "non-tensor; TF32 listed apart" },
      tf32: { value: 156 * T, source: "pc2-a100", note: `312 with sparsity; ${SPARSE_HALVED}` },
      fp16: {
        value: 312 * T,
        source: "pc2-a100",
        note: `624 with sparsity; ${SPARSE_HALVED}`,
        derivation: { cores: 432, clockGHz: 1.41, opsPerCyclePerCore: 512, unit: "tensor cores x FLOP per clock" }
      },
      bf16: { value: 312 * T, source: "pc2-a100", note: `624 with sparsity; ${SPARSE_HALVED}` },
      int8: { value: 624 * T, source: "pc2-a100", note: `1,248 with sparsity; ${SPARSE_HALVED}` },
      int4: { value: 1248 * T, source: "pc2-a100", note: `2,496 with sparsity; ${SPARSE_HALVED}` }
    },
    bandwidth: { value: 1555 * G, source: "klockwood-a100" },
    memory: { value: 40 * GiB, source: "pc2-a100", note: "deviceQuery reports 42,405,855,232 bytes usable" },
    power: { value: 400, source: "klockwood-a100" }
  },
  {
    id: "a100-80gb-sxm",
    name: "NVIDIA A100 SXM4 80GB",
    class: "datacenter-gpu",
    peak: {
      fp64: { value: 19.5 * T, source: "klockwood-a100", note: "FP64 tensor core (DGEMM); non-tensor FP64 is 9.7" },
      fp32: { value: 19.5 * T, source: "klockwood-a100", note: "non-tensor; TF32 listed apart" },
      tf32: { value: 156 * T, source: "klockwood-a100", note: `312 with sparsity; ${SPARSE_HALVED}` },
      fp16: { value: 312 * T, source: "klockwood-a100", note: `624 with sparsity; ${SPARSE_HALVED}; same compute as the 40GB part` },
      bf16: { value: 312 * T, source: "klockwood-a100", note: `624 with sparsity; ${SPARSE_HALVED}` },
      int8: { value: 624 * T, source: "klockwood-a100", note: `1,248 with sparsity; ${SPARSE_HALVED}` },
      int4: { value: 1248 * T, source: "klockwood-a100", note: `2,496 with sparsity; ${SPARSE_HALVED}` }
    },
    bandwidth: { value: 2039 * G, source: "klockwood-a100", note: "the A100 80GB PCIe is 1,935 GB/s at 300 W" },
    memory: { value: 80 * GiB, source: "klockwood-a100" },
    power: { value: 400, source: "klockwood-a100" }
  },
  {
    id: "h100-sxm",
    name: "NVIDIA H100 SXM5 80GB",
    class: "datacenter-gpu",
    peak: {
      fp64: { value: 67 * T, source: "hpctech-h100", note: "FP64 tensor core (DGEMM); non-tensor FP64 is 34" },
      fp32: { value: 67 * T, source: "hpctech-h100", note: "non-tensor; TF32 listed apart" },
      tf32: {
        value: 494.7 * T,
        source: "klockwood-h100",
        note: `datasheet 989 with sparsity; ${SPARSE_HALVED}`,
        derivation: { cores: 528, clockGHz: 1.83, opsPerCyclePerCore: 512, unit: "tensor cores x FLOP per clock" }
      },
      fp16: {
        value: 989.4 * T,
        source: "klockwood-h100",
        note: `datasheet 1,979 with sparsity; ${SPARSE_HALVED}`,
        derivation: { cores: 528, clockGHz: 1.83, opsPerCyclePerCore: 1024, unit: "tensor cores x FLOP per clock" }
      },
      bf16: {
        value: 989.4 * T,
        source: "klockwood-h100",
        note: `datasheet 1,979 with sparsity; ${SPARSE_HALVED}`,
        derivation: { cores: 528, clockGHz: 1.83, opsPerCyclePerCore: 1024, unit: "tensor cores x FLOP per clock" }
      },
      fp8: {
        value: 1978.9 * T,
        source: "klockwood-h100",
        note: `datasheet 3,958 with sparsity; ${SPARSE_HALVED}`,
        derivation: { cores: 528, clockGHz: 1.83, opsPerCyclePerCore: 2048, unit: "tensor cores x FLOP per clock" }
      },
      int8: { value: 1978.9 * T, source: "klockwood-h100", note: `datasheet 3,958 with sparsity; ${SPARSE_HALVED}` }
    },
    bandwidth: { value: 3350 * G, source: "hpctech-h100" },
    memory: { value: 80 * GiB, source: "hpctech-h100" },
    power: { value: 700, source: "hpctech-h100", note: "up to 700 W (configurable)" },
    notes: ["Hopper has no INT4 tensor path; int4 work falls back to int8."]
  },
  {
    id: "h100-pcie",
    name: "NVIDIA H100 PCIe 80GB",
    class: "datacenter-gpu",
    peak: {
      fp64: { value: 51 * T, source: "hpctech-h100", note: "FP64 tensor core (DGEMM); non-tensor FP64 is 26" },
      fp32: { value: 51 * T, source: "hpctech-h100", note: "non-tensor; TF32 listed apart" },
      tf32: { value: 378 * T, source: "hpctech-h100", note: `756 with sparsity; ${SPARSE_HALVED}` },
      fp16: { value: 756.5 * T, source: "hpctech-h100", note: `1,513 with sparsity; ${SPARSE_HALVED}` },
      bf16: { value: 756.5 * T, source: "hpctech-h100", note: `1,513 with sparsity; ${SPARSE_HALVED}` },
      fp8: { value: 1513 * T, source: "hpctech-h100", note: `3,026 with sparsity; ${SPARSE_HALVED}` },
      int8: { value: 1513 * T, source: "hpctech-h100", note: `3,026 with sparsity; ${SPARSE_HALVED}` }
    },
    bandwidth: { value: 2e3 * G, source: "hpctech-h100", note: "HBM2e" },
    memory: { value: 80 * GiB, source: "hpctech-h100" },
    power: { value: 350, source: "hpctech-h100", note: "TDP 300-350 W; the upper bound is listed" },
    notes: ["NVIDIA's current H100 page shows the H100 NVL (94 GB, 3.9 TB/s) in place of this part."]
  },
  {
    id: "h200-sxm",
    name: "NVIDIA H200 SXM 141GB",
    class: "datacenter-gpu",
    peak: {
      fp64: { value: 67 * T, source: "aiminingco-h200", note: "same GH100 compute as H100 SXM (FP64 tensor core); non-tensor 34" },
      fp32: { value: 67 * T, source: "aiminingco-h200", note: "same compute as H100 SXM" },
      tf32: { value: 494.7 * T, source: "klockwood-h100", note: `as H100 SXM; ${SPARSE_HALVED}` },
      fp16: { value: 989.4 * T, source: "klockwood-h100", note: `as H100 SXM (1,979 with sparsity); ${SPARSE_HALVED}` },
      bf16: { value: 989.4 * T, source: "klockwood-h100", note: `as H100 SXM (1,979 with sparsity); ${SPARSE_HALVED}` },
      fp8: { value: 1978.9 * T, source: "klockwood-h100", note: `as H100 SXM (3,958 with sparsity); ${SPARSE_HALVED}` },
      int8: { value: 1978.9 * T, source: "klockwood-h100", note: `as H100 SXM (3,958 with sparsity); ${SPARSE_HALVED}` }
    },
    bandwidth: { value: 4800 * G, source: "aiminingco-h200", note: "HBM3e" },
    memory: { value: 141 * GiB, source: "mlcommons-h200" },
    power: { value: 700, source: "mlcommons-h200", note: "TGP 700 W" }
  },
  {
    id: "l40s",
    name: "NVIDIA L40S 48GB",
    class: "datacenter-gpu",
    peak: {
      fp64: {
        value: 1.431 * T,
        source: "itcreations-l40s",
        note: "1:64 of FP32 (TechPowerUp-derived)",
        derivation: { cores: 18176, clockGHz: 2.52, opsPerCyclePerCore: 2 / 64 }
      },
      fp32: { value: 91.6 * T, source: "mullet-l40s", derivation: { cores: 18176, clockGHz: 2.52, opsPerCyclePerCore: 2 } },
      tf32: { value: 183 * T, source: "mullet-l40s", note: `366 with sparsity; ${SPARSE_HALVED}` },
      fp16: {
        value: 362.05 * T,
        source: "mullet-l40s",
        note: "NVIDIA's dense figure (733 with sparsity); NVIDIA's own pair is inconsistent (733 / 2 = 366.5), the smaller dense figure is kept"
      },
      bf16: { value: 362.05 * T, source: "mullet-l40s", note: "as fp16" },
      fp8: { value: 733 * T, source: "mullet-l40s", note: `1,466 with sparsity; ${SPARSE_HALVED}` },
      int8: {
        value: 733 * T,
        source: "grokipedia-l4-l40s",
        note: "INT8 at the FP8 tensor rate (1,466 with sparsity, halved); the L40S INT8 row itself was blank in the table read, so this is not verified"
      }
    },
    bandwidth: { value: 864 * G, source: "mullet-l40s" },
    memory: { value: 48 * GiB, source: "mullet-l40s" },
    power: { value: 350, source: "mullet-l40s" },
    notes: ["The L40 (same die, 300 W) is 90.5 FP32 / 181 FP16 / 362 INT8 dense."]
  },
  {
    id: "p100-sxm2",
    name: "NVIDIA Tesla P100 SXM2 16GB",
    class: "datacenter-gpu",
    peak: {
      fp64: {
        value: 5.3 * T,
        source: "sysrqmts-p100",
        note: "1792 FP64 cores x 1.48 GHz boost x 2",
        derivation: { cores: 1792, clockGHz: 1.48, opsPerCyclePerCore: 2 }
      },
      fp32: {
        value: 10.6 * T,
        source: "sysrqmts-p100",
        note: "3584 FP32 cores x 1.48 GHz x 2 = 10.6. A widely copied derivation uses 1.58 GHz, which gives 11.3: the boost clock is 1480 MHz for FP32 as for FP64",
        derivation: { cores: 3584, clockGHz: 1.48, opsPerCyclePerCore: 2 }
      },
      fp16: {
        value: 21.2 * T,
        source: "tech4gamers-p100",
        note: "FP16 at twice the FP32 rate (paired half2 math; Pascal has no tensor cores)",
        derivation: { cores: 3584, clockGHz: 1.48, opsPerCyclePerCore: 4 }
      }
    },
    bandwidth: {
      value: 732 * G,
      source: "sysrqmts-p100",
      note: "4096-bit HBM2 at 1.43 Gbps = 732 GB/s; the launch material said 720 GB/s",
      derivation: busDerivation(512, 1.43)
    },
    memory: { value: 16 * GiB, source: "sysrqmts-p100" },
    power: { value: 300, source: "sysrqmts-p100" }
  },
  // ===================================== GeForce ============================================
  {
    id: "rtx-3090",
    name: "NVIDIA GeForce RTX 3090 24GB",
    class: "consumer-gpu",
    peak: {
      fp64: {
        value: 556 * G,
        source: "holynerdvana-3090",
        note: "1:64 of FP32 (GA102); derived here, not a vendor figure",
        derivation: { cores: 10496, clockGHz: 1.695, opsPerCyclePerCore: 2 / 64 }
      },
      fp32: {
        value: 35.6 * T,
        source: "holynerdvana-3090",
        derivation: { cores: 10496, clockGHz: 1.695, opsPerCyclePerCore: 2 }
      },
      tf32: {
        value: 35.6 * T,
        source: "nvidia-ga102-whitepaper",
        note: "71 with sparsity, halved; not re-verified in this review"
      },
      fp16: {
        value: 71 * T,
        source: "nvidia-ga102-whitepaper",
        note: "tensor cores with FP32 accumulate, which frameworks use; GeForce runs it at half the FP16-accumulate rate (142 dense, the figure most spec pages print). 328 x 1.695 GHz x 128; not re-verified against the whitepaper in this review",
        derivation: { cores: 328, clockGHz: 1.695, opsPerCyclePerCore: 128, unit: "tensor cores x FLOP per clock" }
      },
      bf16: {
        value: 71 * T,
        source: "nvidia-ga102-whitepaper",
        note: "BF16 tensor math accumulates in FP32: same rate as fp16 here; not re-verified in this review"
      },
      int8: { value: 284 * T, source: "nvidia-ga102-whitepaper", note: "568 with sparsity, halved; not re-verified in this review" },
      int4: { value: 568 * T, source: "nvidia-ga102-whitepaper", note: "1,136 with sparsity, halved; not re-verified in this review" }
    },
    bandwidth: { value: 936 * G, source: "holynerdvana-3090" },
    memory: { value: 24 * GiB, source: "holynerdvana-3090" },
    power: { value: 350, source: "holynerdvana-3090" }
  },
  {
    id: "rtx-4090",
    name: "NVIDIA GeForce RTX 4090 24GB",
    class: "consumer-gpu",
    peak: {
      fp64: {
        value: 1.29 * T,
        source: "waredb-4090",
        note: "1:64 of FP32",
        derivation: { cores: 16384, clockGHz: 2.52, opsPerCyclePerCore: 2 / 64 }
      },
      fp32: {
        value: 82.6 * T,
        source: "incpak-4090",
        derivation: { cores: 16384, clockGHz: 2.52, opsPerCyclePerCore: 2 }
      },
      tf32: { value: 82.58 * T, source: "waredb-4090", note: "165.15 with sparsity, halved" },
      fp16: {
        value: 165.2 * T,
        source: "waredb-4090",
        note: "tensor cores with FP32 accumulate, which frameworks use (330.3 with sparsity); FP16 accumulate runs at twice this (330.3 dense)",
        derivation: { cores: 512, clockGHz: 2.52, opsPerCyclePerCore: 128, unit: "tensor cores x FLOP per clock" }
      },
      bf16: { value: 165.2 * T, source: "waredb-4090", note: "FP32 accumulate (330.3 with sparsity), halved" },
      fp8: {
        value: 330.3 * T,
        source: "waredb-4090",
        note: "FP8 with FP32 accumulate (660.6 with sparsity), halved; with FP16 accumulate it is 660.6 dense. The Ada whitepaper corrected this row in v2.02"
      },
      int8: { value: 660.6 * T, source: "waredb-4090", note: "1,321.2 with sparsity, halved" },
      int4: { value: 1321.2 * T, source: "waredb-4090", note: "2,642.4 with sparsity, halved" }
    },
    bandwidth: { value: 1008 * G, source: "waredb-4090" },
    memory: { value: 24 * GiB, source: "waredb-4090" },
    power: { value: 450, source: "incpak-4090" }
  },
  // ===================================== Jetson =============================================
  {
    id: "jetson-nano",
    name: "NVIDIA Jetson Nano 4GB",
    class: "edge-gpu",
    peak: {
      fp32: {
        value: 235.9 * G,
        source: "sysrqmts-jetson-nano",
        note: "128 Maxwell cores x 921.6 MHz x 2",
        derivation: { cores: 128, clockGHz: 0.9216, opsPerCyclePerCore: 2 }
      },
      fp16: {
        value: 471.9 * G,
        source: "ultralytics-jetson",
        note: 'the "472 GFLOPS" headline is this FP16 rate (half2 on CUDA cores; Maxwell has no tensor cores and no INT8 dot product)',
        derivation: { cores: 128, clockGHz: 0.9216, opsPerCyclePerCore: 4 }
      }
    },
    bandwidth: { value: 25.6 * G, source: "ultralytics-jetson", note: "64-bit LPDDR4 at 3200 MT/s", derivation: busDerivation(8, 3.2) },
    memory: { value: 4 * GiB, source: "ultralytics-jetson" },
    power: { value: 10, source: "alldbin-jetson-nano-m1", note: "5 W / 10 W power modes; the upper is listed" }
  },
  {
    id: "jetson-xavier-nx",
    name: "NVIDIA Jetson Xavier NX 8GB",
    class: "edge-gpu",
    peak: {
      fp32: {
        value: 844.8 * G,
        source: "xavier-nx-datasheet",
        note: "384 Volta cores x 1.1 GHz x 2; derived, not a vendor figure",
        derivation: { cores: 384, clockGHz: 1.1, opsPerCyclePerCore: 2 }
      },
      fp16: {
        value: 6.758 * T,
        source: "xavier-nx-datasheet",
        note: "GPU tensor cores, dense: 48 x 1.1 GHz x 128 FLOP per clock (Volta: 64 FMA per tensor core per clock); derived, not vendor-stated",
        derivation: { cores: 48, clockGHz: 1.1, opsPerCyclePerCore: 128, unit: "tensor cores x FLOP per clock" }
      },
      int8: {
        value: 13.52 * T,
        source: "xavier-nx-datasheet",
        note: 'GPU only, dense, derived (48 tensor cores x 1.1 GHz x 256; Xavier tensor cores run INT8 at twice FP16). The "21 TOPS" headline adds the two DLAs; the GPU/DLA split was not found in a vendor document, so the per-clock rate is unverified',
        derivation: { cores: 48, clockGHz: 1.1, opsPerCyclePerCore: 256, unit: "tensor cores x OP per clock" }
      }
    },
    bandwidth: {
      value: 59.7 * G,
      source: "ultralytics-jetson",
      note: "NVIDIA's module table says 59.7 GB/s (128-bit LPDDR4x at 3733 MT/s); the preliminary datasheet's 1600 MHz memory clock gives 51.2 GB/s"
    },
    memory: { value: 8 * GiB, source: "xavier-nx-datasheet" },
    power: { value: 15, source: "xavier-nx-datasheet-v13", note: "10 W - 15 W power modes in datasheet v1.3; later JetPack releases add a 20 W mode" },
    notes: ["Volta: no BF16, no sparsity. Two DLAs (INT8/FP16 convolution engines) are not in these figures."]
  },
  {
    id: "jetson-orin-nano",
    name: "NVIDIA Jetson Orin Nano 8GB",
    class: "edge-gpu",
    peak: {
      fp32: {
        value: 1.28 * T,
        source: "orin-nano-datasheet",
        note: "1024 Ampere cores x 625 MHz x 2 (derived)",
        derivation: { cores: 1024, clockGHz: 0.625, opsPerCyclePerCore: 2 }
      },
      fp16: {
        value: 10.24 * T,
        source: "orin-nano-datasheet",
        note: "GPU tensor cores, dense, derived: 32 x 625 MHz x 512 FLOP per clock (half the INT8 rate below)",
        derivation: { cores: 32, clockGHz: 0.625, opsPerCyclePerCore: 512, unit: "tensor cores x FLOP per clock" }
      },
      bf16: {
        value: 10.24 * T,
        source: "orin-nano-datasheet",
        note: "as fp16 (Ampere tensor cores)",
        derivation: { cores: 32, clockGHz: 0.625, opsPerCyclePerCore: 512, unit: "tensor cores x FLOP per clock" }
      },
      int8: {
        value: 20.48 * T,
        source: "orin-nano-datasheet",
        note: `GPU dense INT8: 32 tensor cores x 625 MHz x 1024 OP per clock. NVIDIA's "40 TOPS" is sparse (the datasheet gives 20 sparse / 10 dense for the 4GB half); the Orin Nano has no DLA. 1024 OP per clock per tensor core is the rate implied by the AGX Orin GPU figure (171 sparse TOPS at 64 x 1.3 GHz)`,
        derivation: { cores: 32, clockGHz: 0.625, opsPerCyclePerCore: 1024, unit: "tensor cores x OP per clock" }
      }
    },
    bandwidth: { value: 68 * G, source: "orin-nano-super", note: "128-bit LPDDR5; the Super firmware raises it to 102 GB/s (see jetson-orin-nano-super)" },
    memory: { value: 8 * GiB, source: "orin-nano-datasheet" },
    power: { value: 15, source: "orin-nano-super", note: "7 W - 15 W modes; the Super firmware adds 25 W" },
    notes: ['Original (pre-"Super") clocks: GPU 625 MHz. JetPack 6.1+ "MAXN SUPER" mode is the jetson-orin-nano-super entry.']
  },
  {
    id: "jetson-orin-nano-super",
    name: "NVIDIA Jetson Orin Nano 8GB (Super, MAXN SUPER mode)",
    class: "edge-gpu",
    peak: {
      fp32: {
        value: 2.089 * T,
        source: "orin-nano-super",
        note: "1024 cores x 1.02 GHz x 2 (derived)",
        derivation: { cores: 1024, clockGHz: 1.02, opsPerCyclePerCore: 2 }
      },
      fp16: {
        value: 16.71 * T,
        source: "orin-nano-super",
        note: "GPU tensor cores, dense, derived: 32 x 1.02 GHz x 512",
        derivation: { cores: 32, clockGHz: 1.02, opsPerCyclePerCore: 512, unit: "tensor cores x FLOP per clock" }
      },
      bf16: {
        value: 16.71 * T,
        source: "orin-nano-super",
        note: "as fp16",
        derivation: { cores: 32, clockGHz: 1.02, opsPerCyclePerCore: 512, unit: "tensor cores x FLOP per clock" }
      },
      int8: {
        value: 33.42 * T,
        source: "orin-nano-super",
        note: `GPU dense INT8, derived: 32 x 1.02 GHz x 1024. NVIDIA's "67 TOPS" is sparse (2 x 33.4 = 66.8); no DLA on the Orin Nano`,
        derivation: { cores: 32, clockGHz: 1.02, opsPerCyclePerCore: 1024, unit: "tensor cores x OP per clock" }
      }
    },
    bandwidth: { value: 102 * G, source: "orin-nano-super", note: "also 102 GB/s in the Ultralytics table" },
    memory: { value: 8 * GiB, source: "orin-nano-super" },
    power: { value: 25, source: "orin-nano-super" }
  },
  {
    id: "jetson-orin-nx-16gb",
    name: "NVIDIA Jetson Orin NX 16GB",
    class: "edge-gpu",
    peak: {
      fp32: {
        value: 1.88 * T,
        source: "ultralytics-jetson",
        note: "1024 cores x 918 MHz x 2 (derived)",
        derivation: { cores: 1024, clockGHz: 0.918, opsPerCyclePerCore: 2 }
      },
      fp16: {
        value: 15.04 * T,
        source: "ultralytics-jetson",
        note: "GPU tensor cores, dense, derived: 32 x 918 MHz x 512",
        derivation: { cores: 32, clockGHz: 0.918, opsPerCyclePerCore: 512, unit: "tensor cores x FLOP per clock" }
      },
      bf16: {
        value: 15.04 * T,
        source: "ultralytics-jetson",
        note: "as fp16",
        derivation: { cores: 32, clockGHz: 0.918, opsPerCyclePerCore: 512, unit: "tensor cores x FLOP per clock" }
      },
      int8: {
        value: 30.08 * T,
        source: "ultralytics-jetson",
        note: 'GPU dense INT8, derived: 32 x 918 MHz x 1024. The "100 TOPS" headline is sparse and includes the two DLAs (their max is comparable to the AGX Orin 15 W mode, 40 sparse TOPS, per the DLA README)',
        derivation: { cores: 32, clockGHz: 0.918, opsPerCyclePerCore: 1024, unit: "tensor cores x OP per clock" }
      }
    },
    bandwidth: { value: 102.4 * G, source: "ultralytics-jetson", note: "128-bit LPDDR5 at 6400 MT/s", derivation: busDerivation(16, 6.4) },
    memory: { value: 16 * GiB, source: "ultralytics-jetson" },
    power: { value: 25, source: "nvidia-jetson-modules", note: '10 W - 25 W modes; not verified in this review (later "Super" firmware adds a 40 W mode)' },
    notes: ["Two DLAs (sparse INT8 about 40 TOPS together) are not in these figures: the estimate is for the GPU."]
  },
  {
    id: "jetson-agx-orin-64gb",
    name: "NVIDIA Jetson AGX Orin 64GB",
    class: "edge-gpu",
    peak: {
      fp32: {
        value: 5.32 * T,
        source: "ultralytics-jetson",
        note: "2048 cores x 1.3 GHz x 2 (the AGX Orin technical brief says 5.3 FP32 TFLOPS, as quoted in a secondary summary)",
        derivation: { cores: 2048, clockGHz: 1.3, opsPerCyclePerCore: 2 }
      },
      fp16: {
        value: 42.6 * T,
        source: "nvidia-dla-readme",
        note: "GPU tensor cores, dense, derived: 64 x 1.3 GHz x 512 (half the INT8 rate)",
        derivation: { cores: 64, clockGHz: 1.3, opsPerCyclePerCore: 512, unit: "tensor cores x FLOP per clock" }
      },
      bf16: {
        value: 42.6 * T,
        source: "nvidia-dla-readme",
        note: "as fp16",
        derivation: { cores: 64, clockGHz: 1.3, opsPerCyclePerCore: 512, unit: "tensor cores x FLOP per clock" }
      },
      int8: {
        value: 85.5 * T,
        source: "nvidia-dla-readme",
        note: "GPU only: the DLA README splits the 275 sparse TOPS headline into GPU 171 + 2 DLAs 105 (MAXN); GPU 171 sparse halved = 85.5 dense (64 tensor cores x 1.3 GHz x 1024 = 85.2)",
        derivation: { cores: 64, clockGHz: 1.3, opsPerCyclePerCore: 1024, unit: "tensor cores x OP per clock" }
      }
    },
    bandwidth: { value: 204.8 * G, source: "ultralytics-jetson", note: "256-bit LPDDR5 at 6400 MT/s", derivation: busDerivation(32, 6.4) },
    memory: { value: 64 * GiB, source: "ultralytics-jetson" },
    power: { value: 60, source: "fixstars-agx-orin", note: "15 W - 60 W configurable; MAXN listed" },
    notes: ["Two DLAs (105 sparse INT8 TOPS together at MAXN) are not in these figures: the estimate is for the GPU."]
  },
  // ===================================== single-board CPUs ===================================
  {
    id: "raspberry-pi-4",
    name: "Raspberry Pi 4 Model B (BCM2711, 4x Cortex-A72 @ 1.8 GHz)",
    class: "sbc-cpu",
    peak: {
      fp64: {
        value: 28.8 * G,
        source: "flatlib-a72",
        note: "4 cores x 1.8 GHz x 4 DP FLOP per cycle (derived)",
        derivation: { cores: 4, clockGHz: 1.8, opsPerCyclePerCore: 4 }
      },
      fp32: {
        value: 57.6 * G,
        source: "flatlib-a72",
        note: "4 cores x 1.8 GHz x 8 SP FLOP per cycle (one 128-bit NEON FMA per cycle, measured by vfpbench); 48 GFLOPS on 1.5 GHz (B0) boards",
        derivation: { cores: 4, clockGHz: 1.8, opsPerCyclePerCore: 8 }
      }
    },
    bandwidth: {
      value: 12.8 * G,
      source: "rpi-beginners-guide",
      note: "32-bit LPDDR4 at 3200 MT/s (derived; the bus width is from the SoC description, not the guide). Some sources say the controller runs at 2000-2400 MT/s (8-9.6 GB/s)",
      derivation: busDerivation(4, 3.2)
    },
    memory: { value: 8 * GiB, source: "wikiwand-rpi4", note: "1, 2, 4 or 8 GB boards; 8 GB listed" },
    power: { value: 7.2, source: "geerling-hpl", note: "measured average under HPL (whole board), not a rating" },
    notes: [
      "Clock: 1.8 GHz on C0-stepping boards (mid-2021 on); the original B0 boards run 1.5 GHz (wikiwand-rpi4).",
      "ARMv8.0: no FP16 arithmetic and no int8 dot product, so int8 and fp16 work fall back to fp32.",
      "Measured HPL: 11.889 GFLOPS FP64 at 1.8 GHz = 41% of the derived FP64 peak (geerling-hpl)."
    ]
  },
  {
    id: "raspberry-pi-5",
    name: "Raspberry Pi 5 (BCM2712, 4x Cortex-A76 @ 2.4 GHz)",
    class: "sbc-cpu",
    peak: {
      fp64: {
        value: 76.8 * G,
        source: "anandtech-a76",
        note: "4 cores x 2.4 GHz x 8 DP FLOP per cycle (two 128-bit FMA pipes; derived)",
        derivation: { cores: 4, clockGHz: 2.4, opsPerCyclePerCore: 8 }
      },
      fp32: {
        value: 153.6 * G,
        source: "anandtech-a76",
        note: "4 cores x 2.4 GHz x 16 SP FLOP per cycle (two 128-bit NEON FMA pipes; derived)",
        derivation: { cores: 4, clockGHz: 2.4, opsPerCyclePerCore: 16 }
      },
      fp16: {
        value: 307.2 * G,
        source: "arm-simd-history",
        note: "Armv8.2 FP16 NEON arithmetic: 8 lanes x 2 pipes x 2 = 32 FLOP per cycle (derived; per-cycle rate assumed from the pipe width, not checked against the Cortex-A76 optimization guide)",
        derivation: { cores: 4, clockGHz: 2.4, opsPerCyclePerCore: 32 }
      },
      int8: {
        value: 614.4 * G,
        source: "arm-simd-history",
        note: "SDOT/UDOT: 16 int8 MACs per 128-bit instruction x 2 pipes x 2 = 64 OP per cycle (derived; per-cycle rate assumed, unverified)",
        derivation: { cores: 4, clockGHz: 2.4, opsPerCyclePerCore: 64 }
      }
    },
    bandwidth: {
      value: 17.07 * G,
      source: "circuitdigest-rpi5",
      note: "32-bit LPDDR4X at 4267 MT/s (derived)",
      derivation: busDerivation(4, 4.267)
    },
    memory: { value: 8 * GiB, source: "circuitdigest-rpi5", note: "4 or 8 GB at launch (2 and 16 GB later); 8 GB listed" },
    power: { value: 11, source: "geerling-hpl", note: "measured average under HPL (whole board), not a rating" },
    notes: ["Measured HPL: 30.249 GFLOPS FP64 = 39% of the derived FP64 peak (geerling-hpl)."]
  },
  // ===================================== Apple ==============================================
  {
    id: "apple-m1",
    name: "Apple M1 (8-core GPU, 16-core Neural Engine)",
    class: "apple-soc",
    peak: {
      fp32: {
        value: 2.617 * T,
        source: "macrumors-m1",
        note: "GPU: Apple says 2.6 TFLOPS; 8 cores x 128 ALUs x 1.278 GHz x 2 = 2.617 (clock from alldbin-jetson-nano-m1)",
        derivation: { cores: 1024, clockGHz: 1.278, opsPerCyclePerCore: 2 }
      },
      fp16: {
        value: 11 * T,
        source: "macrumors-m1",
        note: 'Neural Engine, "11 trillion operations per second" (precision not stated by Apple; the ANE computes in FP16 per neural-engine-16bit). Core ML runs fp16 models there; the GPU FP16 rate is about the FP32 rate'
      },
      int8: {
        value: 11 * T,
        source: "coremltools-quant-perf",
        note: "Neural Engine: no faster int8-int8 path before A17 Pro / M4, so int8 runs at the FP16 rate"
      }
    },
    bandwidth: {
      value: 68.26 * G,
      source: "macrumors-m2",
      note: "derived: 128-bit LPDDR4X at 4266 MT/s; Apple gives no M1 figure, only that M2's 100 GB/s is 50% more",
      derivation: busDerivation(16, 4.266)
    },
    memory: { value: 8 * GiB, source: "macrumors-m1", note: "8 or 16 GB unified memory; 8 GB listed (not verified in the page read)" },
    notes: ["Apple publishes no power figure for the chip.", "CPU cores (4 P + 4 E) and the AMX blocks are not modelled."]
  },
  {
    id: "apple-m2",
    name: "Apple M2 (10-core GPU, 16-core Neural Engine)",
    class: "apple-soc",
    peak: {
      fp32: {
        value: 3.578 * T,
        source: "askgeek-m2",
        note: "GPU: 10 cores x 128 ALUs x 1.398 GHz x 2 (derived; Apple states no TFLOPS figure in the release read)",
        derivation: { cores: 1280, clockGHz: 1.398, opsPerCyclePerCore: 2 }
      },
      fp16: {
        value: 15.8 * T,
        source: "geekygadgets-m2",
        note: "Neural Engine, 15.8 trillion operations per second (FP16, see apple-m1)"
      },
      int8: {
        value: 15.8 * T,
        source: "coremltools-quant-perf",
        note: "Neural Engine: no faster int8-int8 path before A17 Pro / M4"
      }
    },
    bandwidth: { value: 100 * G, source: "macrumors-m2", note: "Apple; LPDDR5-6400 x 128-bit would be 102.4" },
    memory: { value: 8 * GiB, source: "macrumors-m2", note: "8, 16 or 24 GB unified memory; 8 GB listed" },
    notes: ["Apple publishes no power figure for the chip."]
  },
  {
    id: "apple-m3",
    name: "Apple M3 (10-core GPU, 16-core Neural Engine)",
    class: "apple-soc",
    peak: {
      fp32: {
        value: 3.58 * T,
        source: "hmctech-m3",
        note: "GPU: 1280 ALUs x 1.398 GHz x 2 (derived; Apple states no TFLOPS figure)",
        derivation: { cores: 1280, clockGHz: 1.398, opsPerCyclePerCore: 2 }
      },
      fp16: {
        value: 18 * T,
        source: "apple-m3-release",
        note: "Neural Engine: Apple says 60% faster than M1 (11 x 1.6 = 17.6); the 18 TOPS figure is the one quoted by secondary sources, not read in an Apple document"
      },
      int8: {
        value: 18 * T,
        source: "coremltools-quant-perf",
        note: "Neural Engine: the faster int8-int8 path starts with A17 Pro / M4, so M3 runs int8 at the FP16 rate (unverified for M3 specifically)"
      }
    },
    bandwidth: {
      value: 102.4 * G,
      source: "wikipedia-m3",
      note: "8 x 16-bit LPDDR5-6400 controllers (derived); Apple quotes 100 GB/s",
      derivation: busDerivation(16, 6.4)
    },
    memory: { value: 8 * GiB, source: "wikipedia-m3", note: "8, 16 or 24 GB unified memory; 8 GB listed" },
    notes: ["Apple publishes no power figure for the chip."]
  },
  // ===================================== desktop and server CPUs ==============================
  {
    id: "intel-core-i7-12700",
    name: "Intel Core i7-12700 (8P + 4E, AVX2)",
    class: "cpu",
    peak: {
      fp64: {
        value: 614.4 * G,
        source: "intel-ark-i7-12700",
        note: "8 P-cores x 4.8 GHz x 16 DP FLOP per cycle (2 x 256-bit FMA). Derived; the clock is unverified",
        derivation: { cores: 8, clockGHz: 4.8, opsPerCyclePerCore: 16 }
      },
      fp32: {
        value: 1228.8 * G,
        source: "intel-ark-i7-12700",
        note: "8 P-cores x 4.8 GHz (P-core max turbo, an upper bound: sustained all-core clocks under the 65 W base power are lower) x 32 SP FLOP per cycle (2 x 256-bit FMA; AVX-512 is disabled on Alder Lake desktop, maxpc-golden-cove). The 4 Gracemont E-cores are left out. Derived; clock unverified",
        derivation: { cores: 8, clockGHz: 4.8, opsPerCyclePerCore: 32 }
      },
      int8: {
        value: 4915.2 * G,
        source: "intel-ark-i7-12700",
        note: "AVX-VNNI (VPDPBUSD ymm: 32 u8 x s8 MACs) x 2 per cycle = 128 OP per cycle per P-core (derived; per-cycle rate assumed, unverified)",
        derivation: { cores: 8, clockGHz: 4.8, opsPerCyclePerCore: 128 }
      }
    },
    bandwidth: {
      value: 76.8 * G,
      source: "intel-ark-i7-12700",
      note: "dual-channel DDR5-4800 (derived); with DDR4-3200 it is 51.2 GB/s",
      derivation: busDerivation(16, 4.8)
    },
    power: { value: 65, source: "intel-ark-i7-12700", note: "processor base power; maximum turbo power 180 W (unverified)" },
    notes: ["Memory size depends on the system (up to 128 GB); none is listed."]
  },
  {
    id: "xeon-platinum-8480",
    name: "Intel Xeon Platinum 8480+ (56-core Sapphire Rapids, AMX)",
    class: "cpu",
    peak: {
      fp64: {
        value: 3.584 * T,
        source: "intel-ark-8480",
        note: "56 cores x 2.0 GHz x 32 DP FLOP per cycle (2 x 512-bit FMA); derived at the base clock, which is unverified",
        derivation: { cores: 56, clockGHz: 2, opsPerCyclePerCore: 32 }
      },
      fp32: {
        value: 7.168 * T,
        source: "intel-ark-8480",
        note: "56 cores x 2.0 GHz x 64 SP FLOP per cycle (2 x 512-bit FMA); the sustained AVX-512/AMX clock is not published, so the base clock is assumed",
        derivation: { cores: 56, clockGHz: 2, opsPerCyclePerCore: 64 }
      },
      fp16: {
        value: 14.336 * T,
        source: "intel-ark-8480",
        note: "AVX512-FP16: 2 x 32 lanes x 2 = 128 FLOP per cycle (derived; unverified). AMX-FP16 only arrives with Granite Rapids (wikipedia-amx); CPU runtimes often compute fp16 graphs in fp32",
        derivation: { cores: 56, clockGHz: 2, opsPerCyclePerCore: 128 }
      },
      bf16: {
        value: 114.688 * T,
        source: "wikipedia-amx",
        note: "AMX: 1024 BF16 operations per cycle per core x 56 x 2.0 GHz (derived; clock assumed)",
        derivation: { cores: 56, clockGHz: 2, opsPerCyclePerCore: 1024 }
      },
      int8: {
        value: 229.376 * T,
        source: "wikipedia-amx",
        note: "AMX: 2048 INT8 operations per cycle per core x 56 x 2.0 GHz (derived; clock assumed)",
        derivation: { cores: 56, clockGHz: 2, opsPerCyclePerCore: 2048 }
      }
    },
    bandwidth: {
      value: 307.2 * G,
      source: "wccftech-spr",
      note: "one socket: 8 channels of DDR5-4800 (derived)",
      derivation: busDerivation(64, 4.8)
    },
    power: { value: 350, source: "computerbase-spr", note: "TDP class of the top Sapphire Rapids parts; the 8480+ rating itself was not read in an Intel document" },
    notes: ["One socket. Memory size depends on the system; none is listed."]
  },
  {
    id: "graviton3",
    name: "AWS Graviton3 (64x Neoverse V1 @ 2.6 GHz)",
    class: "cpu",
    peak: {
      fp64: {
        value: 2.6624 * T,
        source: "wikichip-graviton3",
        note: "64 cores x 2.6 GHz x 16 DP FLOP per cycle (2 x 256-bit SVE FMA; derived, pipe count unverified)",
        derivation: { cores: 64, clockGHz: 2.6, opsPerCyclePerCore: 16 }
      },
      fp32: {
        value: 5.3248 * T,
        source: "wikichip-graviton3",
        note: "64 cores x 2.6 GHz x 32 SP FLOP per cycle (2 x 256-bit SVE FMA, lemire-sve-graviton3 for the width; derived, pipe count unverified)",
        derivation: { cores: 64, clockGHz: 2.6, opsPerCyclePerCore: 32 }
      },
      fp16: {
        value: 10.6496 * T,
        source: "wikichip-graviton3",
        note: "FP16 vector arithmetic at twice the FP32 lane count (derived; unverified)",
        derivation: { cores: 64, clockGHz: 2.6, opsPerCyclePerCore: 64 }
      },
      int8: {
        value: 21.2992 * T,
        source: "wikichip-graviton3",
        note: "SDOT on 2 x 256-bit = 64 int8 MACs = 128 OP per cycle (derived; unverified). The BF16/I8MM matrix instructions are not counted",
        derivation: { cores: 64, clockGHz: 2.6, opsPerCyclePerCore: 128 }
      }
    },
    bandwidth: {
      value: 307.2 * G,
      source: "wikichip-graviton3",
      note: "octa-channel DDR5-4800",
      derivation: busDerivation(64, 4.8)
    },
    notes: ["AWS publishes no power figure. Memory size depends on the instance; none is listed."]
  },
  // ===================================== NPUs ===============================================
  {
    id: "coral-edge-tpu",
    name: "Google Coral Edge TPU (USB Accelerator / M.2 / Mini PCIe)",
    class: "npu",
    peak: {
      int8: { value: 4 * T, source: "coral-faq", note: '"4 trillion (fixed-point) operations per second"; int8 only' }
    },
    bandwidth: {
      value: 0.5 * G,
      source: "applied-ee-coral",
      note: "host link, not memory: the Edge TPU has no DRAM. USB 3.0 at 5 Gbit/s with 8b/10b coding = 500 MB/s; the M.2 / Mini PCIe parts use PCIe Gen2 x1, also 500 MB/s. Weights beyond the on-chip SRAM stream over this link",
      derivation: { cores: 1, clockGHz: 5, opsPerCyclePerCore: 0.1, unit: "B/s: one lane x 5 GT/s x 8/10 coding / 8 bits" }
    },
    memory: { value: 8 * 1024 ** 2, source: "applied-ee-coral", note: 'on-chip SRAM for parameter caching ("roughly 8 MB"); secondary source' },
    power: { value: 2, source: "coral-faq", note: "0.5 W per TOPS" },
    notes: ["Runs fully int8-quantized TFLite models only; operators it lacks run on the host CPU."]
  },
  {
    id: "hailo-8",
    name: "Hailo-8 (M.2 key M, PCIe Gen3 x4)",
    class: "npu",
    peak: {
      int8: { value: 26 * T, source: "cnx-hailo8", note: "int8; Hailo-8L is 13" }
    },
    bandwidth: {
      value: 3.938 * G,
      source: "hailo-community-lanes",
      note: "host link, not memory: no external DRAM on Hailo-8. PCIe Gen3 x4 = 4 lanes x 8 GT/s x 128/130 / 8; the B+M and A+E key modules have 2 lanes (half this)",
      derivation: { cores: 4, clockGHz: 8, opsPerCyclePerCore: 128 / 130 / 8, unit: "B/s: PCIe lanes x GT/s x 128b/130b coding / 8 bits" }
    },
    power: { value: 2.5, source: "branes-hailo", note: "typical; 8.65 W peak (secondary source)" },
    notes: ["On-chip memory only: the whole model must fit on the chip (cnx-hailo8). Its size is not published in what was read."]
  }
];
var BY_ID = new Map(DEVICES.map((d) => [d.id, d]));
function findDevice(id) {
  return BY_ID.get(id.trim().toLowerCase());
}

// src/devices/efficiency.ts
var CLASS_EFFICIENCY = {
  "datacenter-gpu": {
    compute: 0.8,
    memory: 0.9,
    overhead: 4e-6,
    basis: "best-shape BF16 GEMM reaches 80.3% of dense peak on H100 SXM and 86.9% on A100 SXM (stas00/ml-engineering MAMF table); streaming kernels reach 85-97% of spec bandwidth (te42kyfo/gpu-benches gpu-stream: A100 89%, H100 PCIe 85-97%, L40 89%); a launch costs 2.4-2.6 us device-side back to back (gpu-small-kernels) to ~5 us from the host (CUDAdrv.jl #15): 4 us"
  },
  "consumer-gpu": {
    compute: 0.75,
    memory: 0.88,
    overhead: 4e-6,
    basis: "as datacenter GPUs, a little lower for GeForce clocks under sustained load; gpu-stream on L40 (the RTX 4090 die) 89% of spec bandwidth"
  },
  "edge-gpu": {
    compute: 0.6,
    memory: 0.75,
    overhead: 1e-5,
    basis: "assumption: shared LPDDR and a mobile CPU issuing kernels; no public GEMM/stream table was found for Jetson, so these are set below the datacenter figures and meant to be calibrated"
  },
  "apple-soc": {
    compute: 0.6,
    memory: 0.8,
    overhead: 8e-6,
    basis: "assumption: unified memory GPU; calibrate with a measured latency"
  },
  cpu: {
    compute: 0.5,
    memory: 0.7,
    overhead: 1e-6,
    basis: "HPL (near-best dense code) reaches 41% (Pi 4) and 39-46% (Pi 5, 30.2-35.2 GFLOPS across README versions) of the derived FP64 peak on Raspberry Pi (geerlingguy/top500-benchmark); inference kernels do no better; STREAM-like bandwidth on desktop DDR typically 70-80% of spec; per-op dispatch in CPU runtimes is around a microsecond"
  },
  "sbc-cpu": {
    compute: 0.4,
    memory: 0.6,
    overhead: 2e-6,
    basis: "HPL on Raspberry Pi 4 reaches 41%, Pi 5 39-46% of derived peak (geerlingguy/top500-benchmark); a narrow LPDDR bus is shared with the OS"
  },
  npu: {
    compute: 0.5,
    memory: 0.8,
    overhead: 1e-5,
    basis: "assumption: fixed-function int8 accelerators fed over a host link; calibrate with a measured latency"
  }
};
function deviceModel(device, overrides = {}) {
  const e = CLASS_EFFICIENCY[device.class];
  const peak = {};
  for (const [p, f] of Object.entries(device.peak)) if (f) peak[p] = f.value;
  return {
    id: device.id,
    name: device.name,
    peak,
    bandwidth: device.bandwidth.value,
    computeEfficiency: overrides.computeEfficiency ?? e.compute,
    memoryEfficiency: overrides.memoryEfficiency ?? e.memory,
    kernelOverhead: overrides.kernelOverhead ?? e.overhead
  };
}

// src/util/suggest.ts
function editDistance(a, b) {
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[n];
}
function closest(word, candidates, max = 3) {
  const limit2 = Math.max(2, Math.floor(word.length / 3));
  const lower = word.toLowerCase();
  return candidates.map((c) => {
    const cl = c.toLowerCase();
    return { c, d: editDistance(lower, cl), sub: cl.includes(lower) || lower.includes(cl) };
  }).filter((x) => x.sub || x.d <= limit2).sort((x, y) => Number(y.sub) - Number(x.sub) || x.d - y.d || x.c.localeCompare(y.c)).slice(0, max).map((x) => x.c);
}

// src/cli/devices.ts
function resolveDevices(ids) {
  return ids.map((id) => {
    const d = findDevice(id);
    if (!d) {
      const hint = closest(id, DEVICES.map((x) => x.id));
      throw new UsageError(
        `unknown device '${id}'${hint.length ? ` (did you mean ${hint.map((h) => `'${h}'`).join(", ")}?)` : ""}; \`model-budget devices\` lists the catalog`
      );
    }
    return deviceModel(d);
  });
}
var rate = (d, p) => {
  const f = d.peak[p];
  return f ? formatCount(f.value) : "-";
};
function renderDevicesText() {
  const rows = DEVICES.map((d) => [
    d.id,
    d.name,
    d.class,
    rate(d, "fp32"),
    d.peak.fp16 ? rate(d, "fp16") : rate(d, "bf16"),
    rate(d, "int8"),
    `${formatBytes(d.bandwidth.value)}/s`,
    d.memory ? formatBinaryBytes(d.memory.value) : "-",
    d.power ? `${d.power.value} W` : "-"
  ]);
  const table2 = textTable(
    ["id", "name", "class", "fp32 FLOP/s", "fp16 FLOP/s", "int8 OP/s", "bandwidth", "memory", "power"],
    rows,
    [false, false, false, true, true, true, true, true, true]
  );
  return `${table2}

Dense peaks (no sparsity). Sources for every figure: \`model-budget devices --format json\` or docs/devices.md.
`;
}
function devicesJson() {
  return {
    schemaVersion: 1,
    devices: DEVICES.map((d) => ({ ...d, efficiency: CLASS_EFFICIENCY[d.class] })),
    sources: SOURCES
  };
}

// src/devices/roofline.ts
var VIEW_OPS = /* @__PURE__ */ new Set(["Reshape", "Squeeze", "Unsqueeze", "Flatten", "Identity", "Dropout"]);
var SHAPE_OPS = /* @__PURE__ */ new Set(["Shape", "Size", "Constant", "ConstantOfShape", "Range"]);
var SHAPE_VALUE_LIMIT = 64;
var FALLBACK = {
  int4: ["int8", "fp16", "bf16", "fp32"],
  int8: ["fp16", "bf16", "fp32"],
  fp8: ["fp16", "bf16", "fp32"],
  fp16: ["bf16", "fp32", "int8"],
  bf16: ["fp16", "fp32", "int8"],
  tf32: ["fp32", "fp16"],
  fp32: ["tf32", "fp16", "bf16", "int8"],
  fp64: ["fp32"]
};
function effectivePrecision(device, wanted) {
  if (device.peak[wanted]) return wanted;
  for (const p of FALLBACK[wanted]) if (device.peak[p]) return p;
  return null;
}
var FLOAT_PRECISION = {
  float64: "fp64",
  float32: "fp32",
  float16: "fp16",
  bfloat16: "bf16",
  float8e4m3fn: "fp8",
  float8e4m3fnuz: "fp8",
  float8e5m2: "fp8",
  float8e5m2fnuz: "fp8"
};
var WIDTH = { fp64: 64, fp32: 32, tf32: 19, bf16: 16, fp16: 16, fp8: 8, int8: 8, int4: 4 };
function nodePrecision(n) {
  const dtypes = n.inputs.map((i) => i.dtype).filter((d) => d !== null);
  const [a, b] = n.inputs.map((i) => i.dtype);
  const small = (d) => d === "int8" || d === "uint8" || d === "int4" || d === "uint4";
  if (small(a) && small(b)) return (a === "int4" || a === "uint4") && (b === "int4" || b === "uint4") ? "int4" : "int8";
  let best = null;
  for (const d of dtypes) {
    const p = FLOAT_PRECISION[d];
    if (p && (!best || WIDTH[p] > WIDTH[best])) best = p;
  }
  return best ?? "fp32";
}
function launchesKernel(n) {
  if (n.domain === void 0 && (VIEW_OPS.has(n.opType) || SHAPE_OPS.has(n.opType))) return false;
  const shapeMath = n.outputs.every(
    (o) => (o.dtype === "int64" || o.dtype === "int32") && o.shape !== null && o.shape.every((d) => typeof d === "number") && o.shape.reduce((x, y) => x * y, 1) <= SHAPE_VALUE_LIMIT
  );
  return !shapeMath;
}
function estimateLatency(nodes, device, options = {}) {
  const notices = /* @__PURE__ */ new Set();
  const bw = device.bandwidth * device.memoryEfficiency;
  const flopsByPrecision = /* @__PURE__ */ new Map();
  let compute = 0;
  let memory = 0;
  let overhead = 0;
  let kernels = 0;
  let totalFlops = 0;
  const timeByBound = { compute: 0, memory: 0, overhead: 0 };
  const out = nodes.map((n) => {
    if (!launchesKernel(n)) return { time: 0, compute: 0, memory: 0, bound: "none", precision: null };
    const flops3 = n.flops ?? 0;
    const bytes = (n.bytesRead ?? 0) + (n.bytesWritten ?? 0);
    const wanted = options.precision ?? nodePrecision(n);
    const p = effectivePrecision(device, wanted);
    if (p === null) throw new Error(`device ${device.id} has no peak figure`);
    if (p !== wanted && flops3 > 0) notices.add(`${device.id} has no ${wanted} peak: ${wanted} work estimated at ${p}`);
    const tc = flops3 > 0 ? flops3 / (device.peak[p] * device.computeEfficiency) : 0;
    const tm = bytes / bw;
    const time = Math.max(tc, tm) + device.kernelOverhead;
    const bound2 = device.kernelOverhead > Math.max(tc, tm) ? "overhead" : tc >= tm ? "compute" : "memory";
    compute += tc;
    memory += tm;
    overhead += device.kernelOverhead;
    kernels++;
    totalFlops += flops3;
    timeByBound[bound2] += time;
    flopsByPrecision.set(p, (flopsByPrecision.get(p) ?? 0) + flops3);
    return { time, compute: tc, memory: tm, bound: bound2, precision: p };
  });
  const total = out.reduce((s, t) => s + t.time, 0);
  let precision = effectivePrecision(device, options.precision ?? "fp32") ?? "fp32";
  let most = -1;
  for (const [p, f] of flopsByPrecision) if (f > most) [precision, most] = [p, f];
  const peak = device.peak[precision] ?? 0;
  const bound = Object.entries(timeByBound).reduce((a, b) => b[1] > a[1] ? b : a)[0];
  return {
    device: device.id,
    ms: total * 1e3,
    computeMs: compute * 1e3,
    memoryMs: memory * 1e3,
    overheadMs: overhead * 1e3,
    bound,
    utilization: total > 0 && peak > 0 ? totalFlops / (total * peak) : 0,
    precision,
    ridgePoint: peak / device.bandwidth,
    achievedFlops: total > 0 ? totalFlops / total : 0,
    kernels,
    notices: [...notices],
    nodes: out
  };
}

// src/report/latency.ts
function withLatency(report, devices, options = {}) {
  if (devices.length === 0) return report;
  const latency = {};
  const nodes = report.nodes.map((n) => ({ ...n, latency: { ...n.latency ?? {} } }));
  const warnings = [...report.warnings];
  for (const d of devices) {
    const est = estimateLatency(report.nodes, d, options);
    latency[d.id] = {
      device: d.id,
      name: d.name,
      ms: est.ms,
      computeMs: est.computeMs,
      memoryMs: est.memoryMs,
      overheadMs: est.overheadMs,
      bound: est.bound,
      utilization: est.utilization,
      precision: est.precision,
      ridgePoint: est.ridgePoint,
      achievedFlops: est.achievedFlops,
      kernels: est.kernels,
      efficiency: { compute: d.computeEfficiency, memory: d.memoryEfficiency, kernelOverheadUs: d.kernelOverhead * 1e6 }
    };
    est.nodes.forEach((t, i) => {
      if (t.bound !== "none") nodes[i].latency[d.id] = { us: t.time * 1e6, bound: t.bound };
    });
    for (const message of est.notices) warnings.push({ node: "", message });
  }
  for (const n of nodes) if (Object.keys(n.latency).length === 0) delete n.latency;
  return { ...report, latency, nodes, warnings };
}

// src/io/read-report.ts
import { readFileSync as readFileSync2 } from "node:fs";
function readReportFile(path) {
  let text2;
  try {
    text2 = readFileSync2(path, "utf8");
  } catch (e) {
    const code2 = e.code;
    throw new InputError(path, code2 === "ENOENT" ? "no such file" : `cannot be read (${code2})`);
  }
  let data;
  try {
    data = JSON.parse(text2);
  } catch (e) {
    throw new InputError(path, `is not JSON (${e.message})`);
  }
  const outer = data;
  const r = outer && typeof outer === "object" && outer.head && typeof outer.head === "object" ? outer.head : data;
  if (!r || typeof r !== "object" || !Array.isArray(r.models)) {
    throw new InputError(path, 'is not a model-budget report (no "models" array): write one with `model-budget analyze --format json`');
  }
  if (r.schemaVersion !== SCHEMA_VERSION) {
    throw new InputError(path, `has report schemaVersion ${String(r.schemaVersion)}; this version reads ${SCHEMA_VERSION}`);
  }
  for (const [i, m] of r.models.entries()) {
    if (!m || typeof m.path !== "string" || !m.totals || !Array.isArray(m.nodes)) {
      throw new InputError(path, `models[${i}] is not a model report (needs path, totals and nodes)`);
    }
  }
  return r;
}

// src/report/escape.ts
var DEFAULT_MAX = 256;
var ELLIPSIS = "\u2026";
var ZWJ = "\u200D";
function truncate(s, max = DEFAULT_MAX) {
  if (!(max >= 1) || s.length <= max) return s;
  const cps = Array.from(s);
  if (cps.length <= max) return s;
  return cps.slice(0, Math.max(0, Math.floor(max) - 1)).join("") + ELLIPSIS;
}
var UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
function clean(s, options) {
  const str = typeof s === "string" ? s : String(s ?? "");
  return truncate(str, options?.max ?? DEFAULT_MAX).replace(UNSAFE, "\uFFFD");
}
var HTML_ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
function escapeHtml(s, options) {
  return clean(s, options).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}
var MD_SPECIAL = /[\\`*_[\]|#!~$]/g;
function escapeMarkdown(s, options) {
  let out = clean(s, options).replace(/[\t\r\n]/g, " ").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(MD_SPECIAL, (c) => `\\${c}`);
  out = neutraliseReferences(out);
  out = out.replace(/^([-+=])/, "\\$1").replace(/^(\d{1,9})([.)])(?= |$)/, "$1\\$2");
  return out;
}
function neutraliseReferences(s) {
  return s.replace(/@/g, `@${ZWJ}`).replace(/#/g, `#${ZWJ}`).replace(/\b(GH)-(?=\d)/gi, `$1${ZWJ}-`).replace(/:(?=\/\/)/g, `:${ZWJ}`).replace(/\b(www)\./gi, `$1${ZWJ}.`);
}
function escapeMarkdownCode(s, options) {
  let body = clean(s, options).replace(/[\t\r\n]/g, " ").replace(/<!--/g, `<!${ZWJ}--`).replace(/--(?=>)/g, `-${ZWJ}-`);
  if (body === "") return "";
  if (options?.table) body = body.replace(/\|/g, "\\|");
  let longest = 0;
  for (const run of body.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = "`".repeat(longest + 1);
  const pad = body.startsWith("`") || body.endsWith("`") || body.startsWith(" ") && body.endsWith(" ") && body.trim() !== "";
  return pad ? `${fence} ${body} ${fence}` : `${fence}${body}${fence}`;
}

// src/report/svg.ts
var BOUND_COLORS = {
  compute: "#e8590c",
  memory: "#1971c2",
  overhead: "#868e96"
};
var OTHER_COLOR = "#868e96";
var HALO = 'stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"';
var FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
var PRECISION_ORDER = ["fp64", "fp32", "tf32", "bf16", "fp16", "fp8", "int8", "int4"];
var MAX_DECADES_X = 10;
var MAX_DECADES_Y = 9;
var MAX_RADIUS = 12;
var MIN_RADIUS = 2;
function n2(v) {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? "0" : String(r);
}
function siUnit(v, unit2) {
  const s = formatCount(v);
  const m = /^(-?[\d.]+)([kMGTP]?)$/.exec(s);
  const tail = m ? `${m[2]}${unit2}` : unit2;
  return tail ? `${m ? m[1] : s} ${tail}` : s;
}
var finitePositive = (v) => typeof v === "number" && Number.isFinite(v) && v > 0;
function roofsOf(latency, device) {
  const byPeak = /* @__PURE__ */ new Map();
  for (const [p, v] of Object.entries(device.peak)) {
    if (!finitePositive(v)) continue;
    const list = byPeak.get(v) ?? [];
    list.push(p);
    byPeak.set(v, list);
  }
  const bw = device.bandwidth * device.memoryEfficiency;
  const rank = (p) => PRECISION_ORDER.includes(p) ? PRECISION_ORDER.indexOf(p) : PRECISION_ORDER.length;
  return [...byPeak.entries()].sort((a, b) => b[0] - a[0]).map(([peak, precisions]) => {
    precisions.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
    const attainable = peak * device.computeEfficiency;
    return { precisions, peak, attainable, knee: attainable / bw, dominant: precisions.includes(latency.precision) };
  });
}
function dotsOf(latency, nodes) {
  const id = latency.device;
  const raw = nodes.map((node2, index) => ({ node: node2, index, t: node2.latency?.[id] })).filter(({ node: node2, t }) => finitePositive(node2.intensity) && finitePositive(node2.flops) && t !== void 0 && finitePositive(t.us));
  const sumUs = raw.reduce((s, d) => s + d.t.us, 0);
  const totalUs = finitePositive(latency.ms) ? Math.max(latency.ms * 1e3, sumUs) : sumUs;
  return raw.map(({ node: node2, index, t }) => ({
    node: node2,
    index,
    intensity: node2.intensity,
    achieved: node2.flops / (t.us * 1e-6),
    us: t.us,
    share: totalUs > 0 ? t.us / totalUs : 0,
    bound: t.bound
  }));
}
function placeholder(latency, width, message) {
  const name = escapeHtml(latency.name || latency.device);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} 60" width="${width}" height="60" role="img" font-family="${FONT}" style="max-width:100%;height:auto"><title>Roofline: ${name}</title><rect x="0" y="0" width="${width}" height="60" fill="#ffffff" stroke="#dee2e6"/><text x="12" y="24" font-size="14" font-weight="600" fill="#212529">Roofline: ${name}</text><text x="12" y="44" font-size="12" fill="#495057">${escapeHtml(message)}</text></svg>`;
}
function rooflineSvg(latency, device, nodes, options = {}) {
  const width = options.width ?? 800;
  const height = options.height ?? 480;
  const maxDots = options.maxDots ?? 2e3;
  const roofs = roofsOf(latency, device);
  const bwEff = device.bandwidth * device.memoryEfficiency;
  if (roofs.length === 0 || !finitePositive(bwEff) || !finitePositive(device.computeEfficiency)) {
    return placeholder(latency, width, "no chart: the device has no peak or bandwidth figure");
  }
  const dominant = roofs.find((r) => r.dominant) ?? roofs[0];
  const ridge = finitePositive(latency.ridgePoint) ? latency.ridgePoint : dominant.peak / device.bandwidth;
  const ridgeY = ridge * device.bandwidth;
  let dots = dotsOf(latency, nodes).sort((a, b) => b.us - a.us || a.index - b.index);
  const omitted = Math.max(0, dots.length - maxDots);
  dots = dots.slice(0, maxDots);
  const maxShare = dots.reduce((m, d) => Math.max(m, d.share), 0);
  const knees = roofs.map((r) => r.knee);
  const xs = [...dots.map((d) => d.intensity), ridge, ...knees];
  let xMinExp = Math.min(Math.floor(Math.log10(Math.min(...xs))), Math.floor(Math.log10(Math.min(...knees, ridge))) - 2);
  const xMaxExp = Math.max(Math.ceil(Math.log10(Math.max(...xs))), Math.floor(Math.log10(Math.max(...knees, ridge))) + 1);
  xMinExp = Math.max(xMinExp, xMaxExp - MAX_DECADES_X);
  const yMaxExp = Math.floor(Math.log10(Math.max(...roofs.map((r) => r.peak)))) + 1;
  const ys = [...dots.map((d) => d.achieved), bwEff * 10 ** xMinExp, Math.min(...roofs.map((r) => r.attainable))];
  let yMinExp = Math.floor(Math.log10(Math.min(...ys)));
  yMinExp = Math.min(Math.max(yMinExp, yMaxExp - MAX_DECADES_Y), yMaxExp - 2);
  const xMin = 10 ** xMinExp;
  const xMax = 10 ** xMaxExp;
  const yMin = 10 ** yMinExp;
  const left = 78;
  const right = width - 128;
  const top = 64;
  const bottom = height - 86;
  const pw = right - left;
  const ph = bottom - top;
  const px = (x) => left + (Math.log10(x) - xMinExp) / (xMaxExp - xMinExp) * pw;
  const py = (y) => bottom - (Math.log10(y) - yMinExp) / (yMaxExp - yMinExp) * ph;
  const clampX = (v) => Math.min(right, Math.max(left, v));
  const clampY = (v) => Math.min(bottom, Math.max(top, v));
  const out = [];
  const name = latency.name || device.name || latency.device;
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" font-family="${FONT}" style="max-width:100%;height:auto">`
  );
  out.push(`<title>Roofline: ${escapeHtml(name)} (${escapeHtml(latency.device)})</title>`);
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="${left}" y="24" font-size="15" font-weight="600" fill="#212529">Roofline: ${escapeHtml(name, { max: 80 })}</text>`);
  const sub2 = [
    escapeHtml(latency.device, { max: 60 }),
    `${fmtMs(latency.ms)} estimated`,
    `${escapeHtml(latency.bound)}-bound`,
    escapeHtml(latency.precision),
    `utilisation ${fmtPct(latency.utilization)}`
  ].join(" \xB7 ");
  out.push(`<text x="${left}" y="44" font-size="12" fill="#495057">${sub2}</text>`);
  const xStep = xMaxExp - xMinExp > 10 ? 2 : 1;
  const yStep = yMaxExp - yMinExp > 10 ? 2 : 1;
  for (let e = xMinExp; e <= xMaxExp; e++) {
    const x = n2(px(10 ** e));
    out.push(`<line class="tick-x" data-value="${n2v(10 ** e)}" x1="${x}" y1="${top}" x2="${x}" y2="${bottom + 5}" stroke="#e9ecef" stroke-width="1"/>`);
    if ((e - xMinExp) % xStep === 0) out.push(`<text x="${x}" y="${bottom + 19}" font-size="11" fill="#495057" text-anchor="middle">${siUnit(10 ** e, "")}</text>`);
    if (e < xMaxExp) for (let k = 2; k <= 9; k++) {
      const mx = n2(px(k * 10 ** e));
      out.push(`<line x1="${mx}" y1="${bottom}" x2="${mx}" y2="${bottom + 3}" stroke="#adb5bd" stroke-width="1"/>`);
    }
  }
  for (let e = yMinExp; e <= yMaxExp; e++) {
    const y = n2(py(10 ** e));
    out.push(`<line class="tick-y" data-value="${n2v(10 ** e)}" x1="${left - 5}" y1="${y}" x2="${right}" y2="${y}" stroke="#e9ecef" stroke-width="1"/>`);
    if ((e - yMinExp) % yStep === 0) out.push(`<text x="${left - 8}" y="${n2(py(10 ** e) + 4)}" font-size="11" fill="#495057" text-anchor="end">${siUnit(10 ** e, "")}</text>`);
    if (e < yMaxExp) for (let k = 2; k <= 9; k++) {
      const my = n2(py(k * 10 ** e));
      out.push(`<line x1="${left - 3}" y1="${my}" x2="${left}" y2="${my}" stroke="#adb5bd" stroke-width="1"/>`);
    }
  }
  out.push(`<rect x="${left}" y="${top}" width="${pw}" height="${ph}" fill="none" stroke="#868e96" stroke-width="1"/>`);
  out.push(`<text x="${n2(left + pw / 2)}" y="${bottom + 38}" font-size="12" fill="#212529" text-anchor="middle">arithmetic intensity (FLOP/byte)</text>`);
  out.push(`<text x="18" y="${n2(top + ph / 2)}" font-size="12" fill="#212529" text-anchor="middle" transform="rotate(-90 18 ${n2(top + ph / 2)})">attainable FLOP/s</text>`);
  const specStart = Math.max(xMin, yMin / device.bandwidth);
  if (specStart < ridge) {
    out.push(
      `<polyline class="roof-datasheet" points="${n2(px(specStart))},${n2(clampY(py(specStart * device.bandwidth)))} ${n2(px(ridge))},${n2(py(ridgeY))} ${n2(right)},${n2(py(ridgeY))}" fill="none" stroke="#868e96" stroke-width="1.2" stroke-dasharray="5 4"/>`
    );
  }
  const maxKnee = Math.max(...knees);
  const memStart = Math.max(xMin, yMin / bwEff);
  if (memStart < maxKnee) {
    out.push(
      `<line class="roof-memory" x1="${n2(px(memStart))}" y1="${n2(py(memStart * bwEff))}" x2="${n2(clampX(px(maxKnee)))}" y2="${n2(py(Math.min(maxKnee, xMax) * bwEff))}" stroke="#343a40" stroke-width="2"/>`
    );
    const lx0 = px(memStart);
    const ly0 = py(memStart * bwEff);
    const lx1 = clampX(px(maxKnee));
    const ly1 = py(Math.min(maxKnee, xMax) * bwEff);
    const angle = Math.atan2(ly1 - ly0, lx1 - lx0) * 180 / Math.PI;
    const tx = lx0 + (lx1 - lx0) * 0.3;
    const ty = ly0 + (ly1 - ly0) * 0.3 - 6;
    out.push(
      `<text x="${n2(tx)}" y="${n2(ty)}" font-size="11" fill="#343a40" ${HALO} transform="rotate(${n2(angle)} ${n2(tx)} ${n2(ty)})">memory ${escapeHtml(siUnit(bwEff, "B/s"))} (${fmtPct(device.memoryEfficiency, 0)} of ${escapeHtml(siUnit(device.bandwidth, "B/s"))})</text>`
    );
  }
  const labels = [];
  for (const r of roofs) {
    const x0 = clampX(px(Math.max(r.knee, xMin)));
    const y = py(r.attainable);
    out.push(
      `<line class="roof-compute" data-precision="${escapeHtml(r.precisions.join(" "))}" x1="${n2(x0)}" y1="${n2(y)}" x2="${n2(right)}" y2="${n2(y)}" stroke="${r.dominant ? "#343a40" : "#868e96"}" stroke-width="${r.dominant ? 2 : 1.3}"/>`
    );
    labels.push({ y: y + 4, text: `${r.precisions.map((p) => escapeHtml(p)).join("/")} ${escapeHtml(siUnit(r.attainable, ""))}`, dominant: r.dominant });
  }
  labels.sort((a, b) => a.y - b.y);
  for (let i = 1; i < labels.length; i++) if (labels[i].y < labels[i - 1].y + 12) labels[i].y = labels[i - 1].y + 12;
  out.push(`<text x="${n2(right + 6)}" y="${top - 6}" font-size="10" fill="#868e96">compute roofs, FLOP/s</text>`);
  for (const l of labels) {
    out.push(`<text class="roof-label" x="${n2(right + 6)}" y="${n2(l.y)}" font-size="11" fill="#212529"${l.dominant ? ' font-weight="600"' : ""}>${l.text}</text>`);
  }
  const rx = px(ridge);
  const ry = py(ridgeY);
  out.push(`<line x1="${n2(rx)}" y1="${n2(ry)}" x2="${n2(rx)}" y2="${bottom}" stroke="#868e96" stroke-width="1" stroke-dasharray="2 3"/>`);
  let offScale = 0;
  out.push(`<g class="nodes" fill-opacity="0.6" stroke-width="1">`);
  for (const d of dots) {
    const rawX = px(d.intensity);
    const rawY = py(d.achieved);
    const cx = clampX(rawX);
    const cy = clampY(rawY);
    const off = cx !== rawX || cy !== rawY;
    if (off) offScale++;
    const r = maxShare > 0 ? Math.max(MIN_RADIUS, MAX_RADIUS * Math.sqrt(d.share / maxShare)) : MIN_RADIUS;
    const color = BOUND_COLORS[d.bound] ?? OTHER_COLOR;
    const tip = `${escapeHtml(d.node.name || "(unnamed)", { max: 120 })} (${escapeHtml(d.node.domain ? `${d.node.domain}:${d.node.opType}` : d.node.opType, { max: 60 })}) \xB7 ${escapeHtml(siUnit(d.intensity, "FLOP/B"))} \xB7 ${escapeHtml(siUnit(d.achieved, "FLOP/s"))} \xB7 ${fmtUs(d.us)} (${fmtPct(d.share)} of time) \xB7 ${escapeHtml(d.bound)}-bound${off ? " \xB7 off scale" : ""}`;
    const look = off ? `fill="#ffffff" stroke="${color}" stroke-dasharray="2 1.5"` : `fill="${color}" stroke="${color}"`;
    out.push(`<circle class="node" cx="${n2(cx)}" cy="${n2(cy)}" r="${n2(r)}" ${look}><title>${tip}</title></circle>`);
  }
  out.push(`</g>`);
  out.push(`<circle class="ridge" data-value="${n2v(ridge)}" cx="${n2(rx)}" cy="${n2(ry)}" r="4" fill="#ffffff" stroke="#212529" stroke-width="1.5"/>`);
  const ridgeText = `ridge ${escapeHtml(siUnit(ridge, "FLOP/B"))} (${escapeHtml(latency.precision)})`;
  const leftSide = rx > left + pw * 0.55;
  out.push(
    `<text x="${n2(leftSide ? rx - 8 : rx + 8)}" y="${n2(Math.max(top + 12, ry - 8))}" font-size="11" fill="#212529" ${HALO}${leftSide ? ' text-anchor="end"' : ""}>${ridgeText}</text>`
  );
  const ly = height - 30;
  let lx = left;
  for (const [bound, color] of Object.entries(BOUND_COLORS)) {
    out.push(`<circle cx="${n2(lx + 5)}" cy="${ly - 4}" r="5" fill="${color}" fill-opacity="0.6" stroke="${color}"/>`);
    out.push(`<text x="${n2(lx + 14)}" y="${ly}" font-size="11" fill="#495057">${bound}-bound</text>`);
    lx += 118;
  }
  out.push(`<line x1="${n2(lx)}" y1="${ly - 4}" x2="${n2(lx + 22)}" y2="${ly - 4}" stroke="#343a40" stroke-width="2"/>`);
  out.push(`<text x="${n2(lx + 28)}" y="${ly}" font-size="11" fill="#495057">attainable (\xD7 efficiency)</text>`);
  lx += 170;
  out.push(`<line x1="${n2(lx)}" y1="${ly - 4}" x2="${n2(lx + 22)}" y2="${ly - 4}" stroke="#868e96" stroke-width="1.2" stroke-dasharray="5 4"/>`);
  out.push(`<text x="${n2(lx + 28)}" y="${ly}" font-size="11" fill="#495057">datasheet</text>`);
  const notes = [
    `dot area \u221D share of time${maxShare > 0 ? ` (largest ${fmtPct(maxShare)})` : ""}`,
    `${dots.length} node${dots.length === 1 ? "" : "s"} drawn`
  ];
  if (omitted) notes.push(`${omitted} smallest not drawn`);
  if (offScale) notes.push(`${offScale} off scale, pinned to the edge (hollow)`);
  if (dots.length === 0) notes.push("no node has FLOPs and an estimated time on this device");
  out.push(`<text x="${left}" y="${height - 10}" font-size="11" fill="#868e96">${escapeHtml(notes.join(" \xB7 "), { max: Infinity })}</text>`);
  out.push(`</svg>`);
  return out.join("\n");
}
function n2v(v) {
  return String(v);
}
function fmtPct(v, digits = 1) {
  return Number.isFinite(v) ? `${(v * 100).toFixed(digits)}%` : "?";
}
function fmtMs(ms) {
  if (!Number.isFinite(ms)) return "? ms";
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 0.1) return `${ms.toFixed(2)} ms`;
  return `${(ms * 1e3).toFixed(ms * 1e3 >= 10 ? 1 : 2)} \xB5s`;
}
function fmtUs(us) {
  return fmtMs(us / 1e3);
}

// src/report/markdown.ts
var DEFAULT_MAX_CHARS = 65e3;
var NAME_MAX = 80;
var NOTICES_MAX = 15;
var IO_MAX = 8;
var EIGHTHS = ["", "\u258F", "\u258E", "\u258D", "\u258C", "\u258B", "\u258A", "\u2589"];
function unicodeBar(fraction2, width = 10) {
  const f = Number.isFinite(fraction2) ? Math.max(0, Math.min(1, fraction2)) : 0;
  const eighths = Math.round(f * width * 8);
  return "\u2588".repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}
var code = (s, max = NAME_MAX) => escapeMarkdownCode(s, { table: true, max });
var text = (s, max = NAME_MAX) => escapeMarkdown(s, { max });
var pct = (v, digits = 1) => Number.isFinite(v) ? `${(v * 100).toFixed(digits)}%` : "?";
var opLabel = (n) => n.domain ? `${n.domain}:${n.opType}` : n.opType;
function mdTable(head, align, rows) {
  const sep3 = align.map((a) => a === "r" ? "--:" : "---");
  return [head, sep3, ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}
function tensorList(tensors) {
  const shown = tensors.slice(0, IO_MAX).map((t) => {
    const type = t.kind ? `${t.kind}<${t.dtype ?? "?"}>` : t.dtype ?? "?";
    return `${escapeMarkdownCode(t.name, { max: 60 }) || "(empty)"} ${text(type, 40)} ${escapeMarkdownCode(shapeText(t.shape), { max: 80 })}`;
  });
  if (tensors.length > IO_MAX) shown.push(`\u2026 ${tensors.length - IO_MAX} more`);
  return shown.join(", ") || "none";
}
function modelBlocks(m, options) {
  const blocks = [];
  const t = m.totals;
  const h = "#".repeat(Math.min(6, Math.max(1, options.headingLevel)));
  const dims2 = Object.entries(m.dims).map(([k, v]) => `${text(k, 40)}=${text(String(v), 20)}${m.defaultedDims.includes(k) ? " (default)" : ""}`).join(", ");
  const meta = [
    m.producer ? text(m.producer, 80) : "unknown producer",
    `IR ${text(String(m.irVersion), 10)}`,
    `opset ${text(String(m.opset), 10)}`,
    `${m.nodes.length} nodes`,
    dims2 ? `dims: ${dims2}` : ""
  ].filter(Boolean);
  blocks.push(`${h} ${escapeMarkdownCode(m.path, { max: 200 }) || "(no path)"}

<sub>${meta.join(" \xB7 ")}</sub>`);
  const figures = mdTable(
    ["params", "weights", "MACs", "core MACs", "FLOPs", "memory traffic", "peak activations"],
    ["r", "r", "r", "r", "r", "r", "r"],
    [[formatCount(t.params), formatBytes(t.weightBytes), formatCount(t.macs), formatCount(t.coreMacs), formatCount(t.flops), formatBytes(t.memoryAccessBytes), formatBytes(t.peakActivationBytes)]]
  );
  const incomplete = t.incompleteNodes ? `

${t.incompleteNodes} node(s) with unknown shapes: figures are lower bounds.` : "";
  blocks.push(`${figures}${incomplete}

**inputs:** ${tensorList(m.graph.inputs)}  
**outputs:** ${tensorList(m.graph.outputs)}`);
  const latency = Object.entries(m.latency ?? {});
  if (latency.length) {
    const rows = latency.map(([id, l]) => [
      l.name && l.name !== id ? `${text(l.name, 60)} ${code(id, 40)}` : code(id, 40),
      `**${fmtMs(l.ms)}**`,
      text(l.bound, 20),
      pct(l.utilization),
      text(l.precision, 20),
      text(siUnit(l.ridgePoint, "FLOP/B"), 30)
    ]);
    blocks.push(
      `**Estimated latency** (roofline, see docs/roofline.md)

` + mdTable(["device", "latency", "bound", "utilisation", "precision", "ridge point"], ["l", "r", "l", "r", "l", "r"], rows)
    );
  }
  const ranked = m.nodes.map((n, i) => ({ n, i })).filter(({ n }) => (n.flops ?? 0) > 0 || n.params > 0).sort((a, b) => (b.n.flops ?? 0) - (a.n.flops ?? 0) || a.i - b.i).slice(0, options.top);
  if (ranked.length) {
    const total = t.flops || 1;
    const devs = latency.slice(0, Math.max(0, options.timeColumns));
    const head = ["#", "node", "op", "output shape", "params", "FLOPs", "share", ...devs.map(([id]) => `time on ${code(id, 30)}`)];
    const align = ["r", "l", "l", "l", "r", "r", "r", ...devs.map(() => "r")];
    const rows = ranked.map(({ n }, k) => [
      String(k + 1),
      code(n.name) || "(unnamed)",
      code(opLabel(n), 50),
      code(shapeText(n.outputs[0]?.shape ?? null), 60),
      formatCount(n.params),
      formatCount(n.flops),
      pct((n.flops ?? 0) / total),
      ...devs.map(([id]) => {
        const nt = n.latency?.[id];
        return nt ? `${fmtUs(nt.us)} ${text(nt.bound.slice(0, 1), 2)}` : "";
      })
    ]);
    const legend = devs.length ? "\n\nTimes are roofline estimates; c / m / o: compute-, memory-, overhead-bound." : "";
    blocks.push(`<details><summary>Top ${ranked.length} layers by FLOPs</summary>

${mdTable(head, align, rows)}${legend}

</details>`);
  }
  const ops20 = Object.entries(m.byOpType).sort((a, b) => b[1].flops - a[1].flops || b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
  if (ops20.length) {
    const total = t.flops || 1;
    const shown = ops20.slice(0, 25);
    const rows = shown.map(([op, o]) => [code(op, 50), String(o.count), formatCount(o.flops), `${unicodeBar(o.flops / total)} ${pct(o.flops / total)}`.trim(), formatBytes(o.bytes)]);
    const more = ops20.length > shown.length ? `

\u2026 ${ops20.length - shown.length} more operator types.` : "";
    blocks.push(
      `<details><summary>Operator types (${ops20.length})</summary>

${mdTable(["op type", "count", "FLOPs", "share of FLOPs", "memory traffic"], ["l", "r", "r", "l", "r"], rows)}${more}

</details>`
    );
  }
  if (m.warnings.length) {
    const shown = m.warnings.slice(0, NOTICES_MAX);
    const items = shown.map((w) => `- ${w.node ? `${escapeMarkdownCode(w.node, { max: NAME_MAX })}: ` : ""}${text(w.message, 300)}`);
    if (m.warnings.length > shown.length) items.push(`- \u2026 ${m.warnings.length - shown.length} more (see \`--format json\`)`);
    blocks.push(`**Notices (${m.warnings.length})**

${items.join("\n")}`);
  }
  return blocks;
}
function renderAnalyzeMarkdown(report, options = {}) {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const level = options.headingLevel ?? 3;
  const opts = { top: options.top ?? 10, headingLevel: level, timeColumns: options.timeColumns ?? 3 };
  const title = options.title === void 0 ? "model-budget analysis" : options.title;
  const head = [];
  if (title !== false) head.push(`${"#".repeat(Math.max(1, Math.min(6, level - 1)))} ${escapeMarkdown(title, { max: 200 })}`);
  const footer = `<sub>${text(report.tool.name, 40)} ${text(report.tool.version, 40)} \xB7 counts in SI units (k, M, G: powers of 1000) \xB7 latencies are static roofline estimates</sub>`;
  const sep3 = "\n\n";
  const note = (shown) => `> [!NOTE]
> Truncated to stay under ${maxChars.toLocaleString("en-US")} characters: ${shown} of ${report.models.length} model(s) shown in full or in part. The JSON report (\`--format json\`) has everything.`;
  const reserve = note(report.models.length).length + footer.length + 3 * sep3.length + 16;
  const parts = [...head];
  let length = parts.reduce((s, p) => s + p.length + sep3.length, 0);
  let truncated = false;
  let modelsShown = 0;
  outer: for (const m of report.models) {
    const blocks = modelBlocks(m, opts);
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i];
      if (length + b.length + sep3.length + reserve > maxChars) {
        truncated = true;
        break outer;
      }
      parts.push(b);
      length += b.length + sep3.length;
      if (i === 0) modelsShown++;
    }
  }
  if (truncated) parts.push(note(modelsShown));
  parts.push(footer);
  let out = parts.join(sep3) + "\n";
  if (out.length > maxChars) out = out.slice(0, Math.max(0, maxChars - 2)).replace(/[\uD800-\uDBFF]$/, "") + "\u2026\n";
  return out;
}

// src/report/html.ts
var NAME_MAX2 = 100;
var NOTICES_MAX2 = 200;
var IO_MAX2 = 50;
var CSS = `
:root{color-scheme:light dark;--fg:#212529;--muted:#6c757d;--bg:#ffffff;--panel:#f8f9fa;--line:#dee2e6;--accent:#1971c2}
@media (prefers-color-scheme:dark){:root{--fg:#e9ecef;--muted:#adb5bd;--bg:#16181b;--panel:#1f2226;--line:#343a40;--accent:#74c0fc}}
*{box-sizing:border-box}
body{margin:0;padding:24px;font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:1320px;margin:0 auto}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:18px;margin:0 0 4px;word-break:break-all}
h2 code{font-size:inherit}
h3{font-size:15px;margin:28px 0 8px}
h4{font-size:14px;margin:16px 0 6px}
a{color:var(--accent)}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
.muted{color:var(--muted)}
.model{border-top:2px solid var(--line);margin-top:28px;padding-top:20px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px;margin:14px 0}
.card{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:10px 12px}
.card .v{font-size:22px;font-weight:600}
.card .k{color:var(--muted);font-size:12px}
.card .n{color:var(--muted);font-size:12px}
.scroll{overflow-x:auto}
table{border-collapse:collapse;margin:4px 0 8px;font-size:13px}
th,td{border-bottom:1px solid var(--line);padding:4px 10px;text-align:left;vertical-align:top}
th{font-weight:600;background:var(--panel)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.name{max-width:420px;word-break:break-all}
.io{display:flex;flex-wrap:wrap;gap:24px}
.bound{display:inline-block;padding:0 6px;border-radius:9px;font-size:12px;color:#fff}
.bar{display:inline-block;width:120px;height:10px;background:var(--line);border-radius:2px;vertical-align:middle;margin-right:6px}
.bar>span{display:block;height:100%;background:var(--accent);border-radius:2px}
figure{margin:12px 0;background:#fff;border:1px solid var(--line);border-radius:8px;padding:8px;display:inline-block;max-width:100%}
figcaption{color:#495057;font-size:12px;padding:4px 6px 0}
.device{display:flex;flex-wrap:wrap;gap:20px;align-items:flex-start}
.device figure{margin:0}
.slowest h4{margin-top:0}
ul.notices{padding-left:20px}
ul.notices li{word-break:break-word}
footer{margin-top:36px;color:var(--muted);font-size:12px}
`;
var esc = (s, max = NAME_MAX2) => escapeHtml(s, { max });
function nameCell(name, fallback = "(unnamed)") {
  if (!name) return `<td class="name muted">${fallback}</td>`;
  const full = escapeHtml(name, { max: 1e3 });
  const shown = esc(name);
  return `<td class="name"${shown !== full ? ` title="${full}"` : ""}><code>${shown}</code></td>`;
}
var num = (s) => `<td class="num">${s}</td>`;
var pct2 = (v, digits = 1) => Number.isFinite(v) ? `${(v * 100).toFixed(digits)}%` : "?";
var opLabel2 = (n) => n.domain ? `${n.domain}:${n.opType}` : n.opType;
function boundBadge(bound) {
  const color = BOUND_COLORS[bound] ?? "#868e96";
  return `<span class="bound" style="background:${color}">${esc(bound, 20)}</span>`;
}
function table(head, rows) {
  return `<div class="scroll"><table><thead><tr>${head.map((h) => `<th${h.num ? ' class="num"' : ""}>${h.label}</th>`).join("")}</tr></thead><tbody>
${rows.join("\n")}
</tbody></table></div>`;
}
function tensorTable(title, tensors) {
  const shown = tensors.slice(0, IO_MAX2);
  const rows = shown.map((t) => {
    const type = t.kind ? `${t.kind}<${t.dtype ?? "?"}>` : t.dtype ?? "?";
    return `<tr>${nameCell(t.name, "(empty)")}<td>${esc(type, 60)}</td><td><code>${esc(shapeText(t.shape), 200)}</code></td></tr>`;
  });
  if (tensors.length > shown.length) rows.push(`<tr><td colspan="3" class="muted">\u2026 ${tensors.length - shown.length} more</td></tr>`);
  return `<div><h4>${title} (${tensors.length})</h4>${table([{ label: "name" }, { label: "type" }, { label: "shape" }], rows)}</div>`;
}
function deviceLookup(devices) {
  const map = /* @__PURE__ */ new Map();
  if (!devices) return map;
  const list = Array.isArray(devices) ? devices : Object.values(devices);
  for (const d of list) map.set(d.id, d);
  return map;
}
function deviceFromLatency(l) {
  const peak = l.utilization > 0 && l.achievedFlops > 0 ? l.achievedFlops / l.utilization : 0;
  const bandwidth = peak > 0 && l.ridgePoint > 0 ? peak / l.ridgePoint : 0;
  return {
    id: l.device,
    name: l.name,
    peak: peak > 0 ? { [l.precision]: peak } : {},
    bandwidth,
    computeEfficiency: l.efficiency.compute,
    memoryEfficiency: l.efficiency.memory,
    kernelOverhead: l.efficiency.kernelOverheadUs / 1e6
  };
}
function summaryCards(m) {
  const t = m.totals;
  const card = (k, v, note = "") => `<div class="card"><div class="k">${k}</div><div class="v">${v}</div><div class="n">${note || "&nbsp;"}</div></div>`;
  return `<div class="cards">` + card("params", formatCount(t.params), `${formatBytes(t.weightBytes)} of weights`) + card("MACs", formatCount(t.macs), `core (conv/matmul) ${formatCount(t.coreMacs)}`) + card("FLOPs", formatCount(t.flops)) + card("memory traffic", formatBytes(t.memoryAccessBytes), "unfused, all nodes") + card("peak activations", formatBytes(t.peakActivationBytes), "weights apart") + card("file", formatBytes(m.fileBytes), `${m.nodes.length} nodes`) + `</div>`;
}
function latencySection(m, devices, top) {
  const entries = Object.entries(m.latency ?? {});
  if (entries.length === 0) return "";
  const out = [];
  out.push(`<h3>Latency (roofline estimate)</h3>`);
  const rows = entries.map(([id, l]) => {
    const name = l.name && l.name !== id ? `${esc(l.name, 80)} <span class="muted">(<code>${esc(id, 60)}</code>)</span>` : `<code>${esc(id, 60)}</code>`;
    return `<tr><td>${name}</td>${num(`<b>${fmtMs(l.ms)}</b>`)}<td>${boundBadge(l.bound)}</td>${num(pct2(l.utilization))}<td>${esc(l.precision, 20)}</td>${num(esc(siUnit(l.ridgePoint, "FLOP/B")))}${num(fmtMs(l.computeMs))}${num(fmtMs(l.memoryMs))}${num(fmtMs(l.overheadMs))}${num(String(l.kernels))}</tr>`;
  });
  out.push(
    table(
      [
        { label: "device" },
        { label: "latency", num: true },
        { label: "bound" },
        { label: "utilisation", num: true },
        { label: "precision" },
        { label: "ridge point", num: true },
        { label: "compute", num: true },
        { label: "memory", num: true },
        { label: "overhead", num: true },
        { label: "kernels", num: true }
      ],
      rows
    )
  );
  out.push(
    `<p class="muted">Static estimate from the graph and the device datasheet: per node max(FLOPs / (peak \xD7 compute efficiency), bytes / (bandwidth \xD7 memory efficiency)) + kernel overhead, summed. No fusion, no caches; compare versions on one device rather than trusting absolute numbers.</p>`
  );
  for (const [id, l] of entries) {
    const given = devices.get(id);
    const device = given ?? deviceFromLatency(l);
    out.push(`<h4>${esc(l.name || id, 80)} <span class="muted">(<code>${esc(id, 60)}</code>)</span></h4>`);
    out.push(`<div class="device">`);
    const caption = `Efficiencies: compute ${pct2(l.efficiency.compute, 0)}, memory ${pct2(l.efficiency.memory, 0)}, ${esc(String(Math.round(l.efficiency.kernelOverheadUs * 100) / 100), 20)} \xB5s per kernel.` + (given ? "" : " Device figures not supplied: only the roof of the dominant precision, as implied by the report, is drawn.");
    out.push(`<figure>${rooflineSvg(l, device, m.nodes, { width: 760 })}<figcaption>${caption}</figcaption></figure>`);
    const ranked = m.nodes.map((n, i) => ({ n, i, t: n.latency?.[id] })).filter((x) => x.t !== void 0 && x.t.us > 0).sort((a, b) => b.t.us - a.t.us || a.i - b.i).slice(0, top);
    if (ranked.length) {
      const totalUs = l.ms * 1e3 || 1;
      out.push(`<div class="slowest"><h4>Top ${ranked.length} layers by time</h4>`);
      out.push(
        table(
          [{ label: "node" }, { label: "op" }, { label: "time", num: true }, { label: "share", num: true }, { label: "bound" }],
          ranked.map(
            ({ n, t }) => `<tr>${nameCell(n.name)}<td>${esc(opLabel2(n), 60)}</td>${num(fmtUs(t.us))}${num(pct2(t.us / totalUs))}<td>${boundBadge(t.bound)}</td></tr>`
          )
        )
      );
      out.push(`</div>`);
    }
    out.push(`</div>`);
  }
  return out.join("\n");
}
function topFlopsSection(m, top) {
  const ranked = m.nodes.map((n, i) => ({ n, i })).filter(({ n }) => (n.flops ?? 0) > 0 || n.params > 0).sort((a, b) => (b.n.flops ?? 0) - (a.n.flops ?? 0) || a.i - b.i).slice(0, top);
  if (!ranked.length) return "";
  const total = m.totals.flops || 1;
  return `<h3>Top ${ranked.length} layers by FLOPs</h3>
` + table(
    [{ label: "node" }, { label: "op" }, { label: "output shape" }, { label: "params", num: true }, { label: "MACs", num: true }, { label: "FLOPs", num: true }, { label: "share", num: true }, { label: "intensity", num: true }],
    ranked.map(
      ({ n }) => `<tr>${nameCell(n.name)}<td>${esc(opLabel2(n), 60)}${n.supported === false ? ' <span class="muted" title="no cost rule: estimated">(est.)</span>' : ""}</td><td><code>${esc(shapeText(n.outputs[0]?.shape ?? null), 120)}</code></td>${num(formatCount(n.params))}${num(formatCount(n.macs))}${num(formatCount(n.flops))}${num(pct2((n.flops ?? 0) / total))}${num(n.intensity === null ? "?" : esc(siUnit(n.intensity, "FLOP/B")))}</tr>`
    )
  );
}
function opTypeSection(m) {
  const ops20 = Object.entries(m.byOpType).sort((a, b) => b[1].flops - a[1].flops || b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
  if (!ops20.length) return "";
  const total = m.totals.flops || 1;
  return `<h3>Operator types (${ops20.length})</h3>
` + table(
    [{ label: "op type" }, { label: "count", num: true }, { label: "params", num: true }, { label: "MACs", num: true }, { label: "FLOPs", num: true }, { label: "share of FLOPs" }, { label: "memory traffic", num: true }],
    ops20.map(([op, o]) => {
      const share = Math.max(0, Math.min(1, o.flops / total));
      return `<tr><td><code>${esc(op, 80)}</code></td>${num(String(o.count))}${num(formatCount(o.params))}${num(formatCount(o.macs))}${num(formatCount(o.flops))}<td><span class="bar"><span style="width:${(share * 100).toFixed(1)}%"></span></span>${pct2(share)}</td>${num(formatBytes(o.bytes))}</tr>`;
    })
  );
}
function noticesSection(m) {
  if (!m.warnings.length) return "";
  const shown = m.warnings.slice(0, NOTICES_MAX2);
  const items = shown.map((w) => `<li>${w.node ? `<code>${esc(w.node)}</code>: ` : ""}${escapeHtml(w.message, { max: 1e3 })}</li>`);
  if (m.warnings.length > shown.length) items.push(`<li class="muted">\u2026 ${m.warnings.length - shown.length} more (see the JSON report)</li>`);
  return `<h3>Notices (${m.warnings.length})</h3>
<ul class="notices">
${items.join("\n")}
</ul>`;
}
function modelSection(m, index, devices, top) {
  const out = [];
  out.push(`<section class="model" id="model-${index + 1}">`);
  out.push(`<h2><code>${esc(m.path, 300)}</code></h2>`);
  const dims2 = Object.entries(m.dims).map(([k, v]) => `${esc(k, 60)}=${esc(String(v), 20)}${m.defaultedDims.includes(k) ? " (default)" : ""}`).join(", ");
  const imports = Object.entries(m.opsetImports).filter(([d]) => d !== "ai.onnx").map(([d, v]) => `${esc(d, 60)} v${esc(String(v), 10)}`).join(", ");
  const meta = [
    m.producer ? esc(m.producer, 120) : "unknown producer",
    `IR ${esc(String(m.irVersion), 10)}`,
    `opset ${esc(String(m.opset), 10)}${imports ? ` (+ ${imports})` : ""}`,
    `${m.nodes.length} nodes`,
    dims2 ? `dims: ${dims2}` : ""
  ].filter(Boolean);
  out.push(`<p class="muted">${meta.join(" \xB7 ")}</p>`);
  out.push(summaryCards(m));
  if (m.totals.incompleteNodes) {
    out.push(`<p class="muted">${m.totals.incompleteNodes} node(s) with unknown shapes: figures are lower bounds.</p>`);
  }
  out.push(`<h3>Inputs and outputs</h3>`);
  out.push(`<div class="io">${tensorTable("Inputs", m.graph.inputs)}${tensorTable("Outputs", m.graph.outputs)}</div>`);
  out.push(latencySection(m, devices, top));
  out.push(topFlopsSection(m, top));
  out.push(opTypeSection(m));
  out.push(noticesSection(m));
  out.push(`</section>`);
  return out.filter(Boolean).join("\n");
}
function renderHtml(report, options = {}) {
  const top = options.top ?? 15;
  const devices = deviceLookup(options.devices);
  const title = options.title ?? "model-budget report";
  const out = [];
  out.push("<!doctype html>");
  out.push('<html lang="en">');
  out.push("<head>");
  out.push('<meta charset="utf-8">');
  out.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  out.push('<meta name="referrer" content="no-referrer">');
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  const pageTitle = report.models.length === 1 ? `${title}: ${report.models[0].path}` : title;
  out.push(`<title>${escapeHtml(pageTitle, { max: 200 })}</title>`);
  out.push(`<style>${CSS}</style>`);
  out.push("</head>");
  out.push("<body><main>");
  out.push(`<header><h1>${escapeHtml(title, { max: 200 })}</h1>`);
  out.push(
    `<p class="muted">${report.models.length} model${report.models.length === 1 ? "" : "s"} \xB7 ${esc(report.tool.name, 60)} ${esc(report.tool.version, 40)} \xB7 report schema ${esc(String(report.schemaVersion), 10)}</p></header>`
  );
  if (report.models.length > 1) {
    out.push("<nav><ol>");
    report.models.forEach((m, i) => out.push(`<li><a href="#model-${i + 1}"><code>${esc(m.path, 200)}</code></a></li>`));
    out.push("</ol></nav>");
  }
  report.models.forEach((m, i) => out.push(modelSection(m, i, devices, top)));
  out.push(
    `<footer>Generated by ${esc(report.tool.name, 60)} ${esc(report.tool.version, 40)}. Counts use SI prefixes (k, M, G, T: powers of 1000), bytes decimal units. MACs count a multiply-accumulate once; FLOPs are 2 \xD7 MACs plus elementwise work.</footer>`
  );
  out.push("</main></body>");
  out.push("</html>");
  return out.join("\n") + "\n";
}

// src/io/write-file.ts
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname as dirname2, join } from "node:path";
function writeFileAtomic(path, text2) {
  const tmp = join(dirname2(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text2);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new InputError(path, `cannot be written (${e.code ?? e.message})`);
  }
}

// src/check/run.ts
import { existsSync, readFileSync as readFileSync3, readdirSync, statSync as statSync2 } from "node:fs";
import { dirname as dirname3, isAbsolute as isAbsolute2, join as join2, relative as relative2, resolve as resolve2, sep as sep2 } from "node:path";

// src/budgets/parse.ts
var import_yaml = __toESM(require_dist(), 1);

// src/budgets/units.ts
var UnitError = class extends Error {
};
var NUMBER = String.raw`([0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)`;
function split(value2, what, example) {
  if (typeof value2 === "number") {
    if (!Number.isFinite(value2) || value2 < 0) throw new UnitError(`expected ${what} like ${example}, got ${value2}`);
    return [value2, ""];
  }
  if (typeof value2 !== "string") {
    const got = value2 === null || value2 === void 0 ? "nothing" : typeof value2 === "object" ? "a " + (Array.isArray(value2) ? "list" : "map") : typeof value2;
    throw new UnitError(`expected ${what} like ${example}, got ${got}`);
  }
  const m = new RegExp(`^\\s*\\+?${NUMBER}\\s*([A-Za-z\xB5/%]*)\\s*$`).exec(value2);
  if (!m) throw new UnitError(`expected ${what} like ${example}, got '${value2}'`);
  return [Number(m[1]), m[2]];
}
var SI = { "": 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15 };
function parseCount(value2) {
  const [n, unit2] = split(value2, "a count", "5M or 1.2G");
  if (!(unit2 in SI)) throw new UnitError(`expected a count like 5M or 1.2G (suffixes k, M, G, T, P), got '${String(value2)}'`);
  return n * SI[unit2];
}
function parseGiga(value2) {
  if (typeof value2 === "number") return parseCount(value2);
  return parseCount(value2) / (/[kKMGTP]\s*$/.test(String(value2)) ? 1e9 : 1);
}
var BYTES = {
  B: 1,
  kB: 1e3,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  KiB: 2 ** 10,
  MiB: 2 ** 20,
  GiB: 2 ** 30,
  TiB: 2 ** 40
};
function parseBytes(value2) {
  const [n, unit2] = split(value2, "a size", "20MB or 64MiB");
  if (unit2 === "") return n;
  if (!(unit2 in BYTES)) throw new UnitError(`expected a size like 20MB or 64MiB (B, kB, MB, GB, KiB, MiB, GiB), got '${String(value2)}'`);
  return n * BYTES[unit2];
}
var DURATION_MS = { s: 1e3, ms: 1, us: 1e-3, \u00B5s: 1e-3, ns: 1e-6 };
function parseDurationMs(value2) {
  if (typeof value2 === "number") throw new UnitError(`expected a duration like 8ms or 1.2s (s, ms, us), got ${value2} with no unit`);
  const [n, unit2] = split(value2, "a duration", "8ms or 1.2s");
  if (!(unit2 in DURATION_MS)) throw new UnitError(`expected a duration like 8ms or 1.2s (s, ms, us), got '${String(value2)}'`);
  return n * DURATION_MS[unit2];
}
function parsePercent(value2) {
  const [n, unit2] = split(value2, "a percentage", "5%");
  if (unit2 !== "%") throw new UnitError(`expected a percentage like 5%, got '${String(value2)}'`);
  return n;
}
var RATE = {
  OPS: 1,
  FLOPS: 1,
  kOPS: 1e3,
  MOPS: 1e6,
  GOPS: 1e9,
  TOPS: 1e12,
  POPS: 1e15,
  kFLOPS: 1e3,
  MFLOPS: 1e6,
  GFLOPS: 1e9,
  TFLOPS: 1e12,
  PFLOPS: 1e15
};
function parseRate(value2) {
  const [n, unit2] = split(value2, "a rate", "20 TOPS or 10 TFLOPS");
  if (!(unit2 in RATE)) throw new UnitError(`expected a rate like 20 TOPS or 10 TFLOPS (GOPS, TOPS, GFLOPS, TFLOPS, ...), got '${String(value2)}'`);
  return n * RATE[unit2];
}
function parseBandwidth(value2) {
  const [n, unit2] = split(value2, "a bandwidth", "34 GB/s");
  const m = /^([kKMGT]?B|[KMGT]iB)\/s$/.exec(unit2);
  if (!m || !(m[1] in BYTES)) throw new UnitError(`expected a bandwidth like 34 GB/s or 1.2 TB/s, got '${String(value2)}'`);
  return n * BYTES[m[1]];
}
function parseClockGHz(value2) {
  const [n, unit2] = split(value2, "a clock", "1.2 GHz");
  if (unit2 === "GHz") return n;
  if (unit2 === "MHz") return n / 1e3;
  throw new UnitError(`expected a clock like 1.2 GHz or 900 MHz, got '${String(value2)}'`);
}

// src/budgets/parse.ts
var BudgetFileError = class extends Error {
  constructor(file, line, column, keyPath, detail) {
    super(`${file}:${line}:${column}: ${keyPath ? `${keyPath}: ` : ""}${detail}`);
    this.file = file;
    this.line = line;
    this.column = column;
    this.keyPath = keyPath;
    this.detail = detail;
    this.name = "BudgetFileError";
  }
  file;
  line;
  column;
  keyPath;
  detail;
};
var KEYS = {
  root: ["version", "devices", "custom-devices", "defaults", "models"],
  defaults: ["dims", "precision", "level", "min-change", "allow-missing-weights"],
  model: ["path", "name", "dims", "precision", "level", "min-change", "allow-missing-weights", "budgets"],
  budgets: ["params", "gmacs", "gflops", "weights", "peak-memory", "memory-traffic", "latency", "max-increase"],
  limit: ["max", "level"],
  customDevice: ["id", "name", "class", "peak", "derivation", "bandwidth", "compute-efficiency", "memory-efficiency", "kernel-overhead"],
  derivation: ["chips", "cores", "clock", "flops-per-cycle"]
};
var PRECISIONS = ["fp64", "fp32", "tf32", "fp16", "bf16", "fp8", "int8", "int4"];
var CLASSES = ["datacenter-gpu", "consumer-gpu", "edge-gpu", "cpu", "sbc-cpu", "apple-soc", "npu"];
var ABSOLUTE_METRICS = ["params", "gmacs", "gflops", "weights", "peak-memory", "memory-traffic"];
function pos(ctx, node2) {
  const offset = node2?.range?.[0] ?? 0;
  const p = ctx.lc.linePos(offset);
  return { line: p.line, column: p.col };
}
function fail(ctx, node2, keyPath, detail) {
  const p = pos(ctx, node2);
  throw new BudgetFileError(ctx.file, p.line, p.column, keyPath, detail);
}
function kind(node2) {
  if (!node2 || (0, import_yaml.isScalar)(node2) && node2.value === null) return "nothing";
  if ((0, import_yaml.isMap)(node2)) return "a mapping";
  if ((0, import_yaml.isSeq)(node2)) return "a list";
  const v = node2.value;
  return typeof v === "string" ? `'${v}'` : String(v);
}
function asMap(ctx, node2, keyPath, allowed, what) {
  if (!(0, import_yaml.isMap)(node2)) fail(ctx, node2, keyPath, `expected ${what} (a mapping), got ${kind(node2)}`);
  const out = /* @__PURE__ */ new Map();
  for (const pair of node2.items) {
    const key2 = (0, import_yaml.isScalar)(pair.key) ? String(pair.key.value) : "";
    const kp = keyPath ? `${keyPath}.${key2}` : key2;
    if (!allowed.includes(key2)) {
      const hint = closest(key2, allowed);
      fail(ctx, pair.key, kp, `unknown key${hint.length ? `; did you mean '${hint[0]}'?` : ""} (allowed: ${allowed.join(", ")})`);
    }
    out.set(key2, pair);
  }
  return out;
}
function scalar(node2) {
  return (0, import_yaml.isScalar)(node2) ? node2.value : void 0;
}
function unit(ctx, node2, keyPath, parse) {
  if (!(0, import_yaml.isScalar)(node2)) fail(ctx, node2, keyPath, `expected a value, got ${kind(node2)}`);
  try {
    return parse(scalar(node2));
  } catch (e) {
    if (e instanceof UnitError) fail(ctx, node2, keyPath, e.message);
    throw e;
  }
}
function oneOf(ctx, node2, keyPath, allowed) {
  const v = scalar(node2);
  if (typeof v !== "string" || !allowed.includes(v)) {
    const hint = typeof v === "string" ? closest(v, allowed) : [];
    fail(ctx, node2, keyPath, `expected one of ${allowed.join(", ")}, got ${kind(node2)}${hint.length ? `; did you mean '${hint[0]}'?` : ""}`);
  }
  return v;
}
function bool(ctx, node2, keyPath) {
  const v = scalar(node2);
  if (typeof v !== "boolean") fail(ctx, node2, keyPath, `expected true or false, got ${kind(node2)}`);
  return v;
}
function fraction(ctx, node2, keyPath) {
  const v = scalar(node2);
  const n = typeof v === "string" && v.trim().endsWith("%") ? unit(ctx, node2, keyPath, parsePercent) / 100 : v;
  if (typeof n !== "number" || !(n > 0 && n <= 1)) fail(ctx, node2, keyPath, `expected a fraction in (0, 1] like 0.8 or 80%, got ${kind(node2)}`);
  return n;
}
function dims(ctx, node2, keyPath) {
  if (!(0, import_yaml.isMap)(node2)) fail(ctx, node2, keyPath, `expected a mapping of dim names to sizes, like { batch: 1, sequence: 128 }, got ${kind(node2)}`);
  const out = {};
  for (const pair of node2.items) {
    const key2 = String(scalar(pair.key));
    const v = scalar(pair.value);
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 2 ** 31) {
      fail(ctx, pair.value ?? pair.key, `${keyPath}.${key2}`, `expected a whole number from 1 to 2^31, got ${kind(pair.value)}`);
    }
    out[key2] = v;
  }
  return out;
}
function limit(ctx, node2, keyPath, level, parse) {
  if ((0, import_yaml.isMap)(node2)) {
    const m = asMap(ctx, node2, keyPath, KEYS.limit, "a limit");
    if (!m.has("max")) fail(ctx, node2, keyPath, "a limit written as a mapping needs 'max'");
    return {
      max: unit(ctx, m.get("max").value, `${keyPath}.max`, parse),
      level: m.has("level") ? oneOf(ctx, m.get("level").value, `${keyPath}.level`, ["error", "warn"]) : level
    };
  }
  return { max: unit(ctx, node2, keyPath, parse), level };
}
var PARSERS = {
  params: parseCount,
  gmacs: parseGiga,
  gflops: parseGiga,
  weights: parseBytes,
  "peak-memory": parseBytes,
  "memory-traffic": parseBytes
};
function increase(ctx, node2, keyPath, metric, level) {
  let valueNode = node2;
  let lvl = level;
  if ((0, import_yaml.isMap)(node2)) {
    const m = asMap(ctx, node2, keyPath, KEYS.limit, "an allowed increase");
    if (!m.has("max")) fail(ctx, node2, keyPath, "an allowed increase written as a mapping needs 'max'");
    valueNode = m.get("max").value;
    if (m.has("level")) lvl = oneOf(ctx, m.get("level").value, `${keyPath}.level`, ["error", "warn"]);
  }
  const at = pos(ctx, valueNode);
  const v = scalar(valueNode);
  if (typeof v === "string" && v.trim().endsWith("%")) return { metric, percent: unit(ctx, valueNode, keyPath, parsePercent), level: lvl, at };
  const parse = metric === "latency" ? parseDurationMs : PARSERS[metric];
  return { metric, absolute: unit(ctx, valueNode, keyPath, parse), level: lvl, at };
}
function parseModel(ctx, node2, keyPath, d, devices) {
  const m = asMap(ctx, node2, keyPath, KEYS.model, "a model entry");
  const pathPair = m.get("path");
  if (!pathPair) fail(ctx, node2, keyPath, "a model needs 'path' (a file or a glob, relative to this file)");
  const path = scalar(pathPair.value);
  if (typeof path !== "string" || !path.trim()) fail(ctx, pathPair.value, `${keyPath}.path`, `expected a path or glob, got ${kind(pathPair.value)}`);
  const level = m.has("level") ? oneOf(ctx, m.get("level").value, `${keyPath}.level`, ["error", "warn"]) : d.level;
  const model = {
    path,
    dims: { ...d.dims, ...m.has("dims") ? dims(ctx, m.get("dims").value, `${keyPath}.dims`) : {} },
    precision: m.has("precision") ? oneOf(ctx, m.get("precision").value, `${keyPath}.precision`, PRECISIONS) : d.precision,
    level,
    minChange: m.has("min-change") ? unit(ctx, m.get("min-change").value, `${keyPath}.min-change`, parsePercent) : d.minChange,
    allowMissingWeights: m.has("allow-missing-weights") ? bool(ctx, m.get("allow-missing-weights").value, `${keyPath}.allow-missing-weights`) : d.allowMissingWeights,
    budgets: [],
    maxIncrease: [],
    at: pos(ctx, node2),
    pathAt: pos(ctx, pathPair.value)
  };
  if (m.has("name")) model.name = String(scalar(m.get("name").value));
  if (!m.has("budgets")) return model;
  const bp = `${keyPath}.budgets`;
  const b = asMap(ctx, m.get("budgets").value, bp, KEYS.budgets, "budgets");
  for (const metric of ABSOLUTE_METRICS) {
    const pair = b.get(metric);
    if (!pair) continue;
    const l = limit(ctx, pair.value, `${bp}.${metric}`, level, PARSERS[metric]);
    model.budgets.push({ metric, max: l.max, level: l.level, at: pos(ctx, pair.value) });
  }
  const lat = b.get("latency");
  if (lat) {
    if (!(0, import_yaml.isMap)(lat.value)) fail(ctx, lat.value, `${bp}.latency`, `expected a mapping of device ids to durations, like { jetson-orin-nano: 8ms }, got ${kind(lat.value)}`);
    for (const pair of lat.value.items) {
      const device = String(scalar(pair.key));
      const kp = `${bp}.latency.${device}`;
      if (!devices.has(device)) {
        const known = [...devices];
        fail(ctx, pair.key, kp, `device '${device}' is not in this file's devices (${known.join(", ") || "none"}); add it to 'devices' or 'custom-devices'`);
      }
      const l = limit(ctx, pair.value, kp, level, parseDurationMs);
      model.budgets.push({ metric: "latency", device, max: l.max, level: l.level, at: pos(ctx, pair.value) });
    }
  }
  const inc = b.get("max-increase");
  if (inc) {
    const ip = `${bp}.max-increase`;
    const im = asMap(ctx, inc.value, ip, ["params", "gmacs", "gflops", "weights", "peak-memory", "memory-traffic", "latency"], "allowed increases");
    for (const [metric, pair] of im) model.maxIncrease.push(increase(ctx, pair.value, `${ip}.${metric}`, metric, level));
  }
  return model;
}
function parseCustomDevice(ctx, node2, keyPath) {
  const m = asMap(ctx, node2, keyPath, KEYS.customDevice, "a custom device");
  const idPair = m.get("id");
  const id = scalar(idPair?.value);
  if (typeof id !== "string" || !/^[a-z0-9][a-z0-9._-]*$/.test(id)) {
    fail(ctx, idPair?.value ?? node2, `${keyPath}.id`, `a custom device needs an 'id' in lower case letters, digits, '.', '_' or '-', got ${kind(idPair?.value)}`);
  }
  if (findDevice(id)) fail(ctx, idPair.value, `${keyPath}.id`, `'${id}' is a catalog device; give your device another id`);
  const cls = m.has("class") ? oneOf(ctx, m.get("class").value, `${keyPath}.class`, CLASSES) : "npu";
  const source = "budgets file";
  const peak = {};
  if (m.has("peak")) {
    const pm = asMap(ctx, m.get("peak").value, `${keyPath}.peak`, PRECISIONS, "peaks per precision");
    for (const [p, pair] of pm) peak[p] = { value: unit(ctx, pair.value, `${keyPath}.peak.${p}`, parseRate), source };
  }
  if (m.has("derivation")) {
    const dp = `${keyPath}.derivation`;
    const dm = asMap(ctx, m.get("derivation").value, dp, KEYS.derivation, "a peak derivation");
    const num2 = (k, fallback) => {
      const pair = dm.get(k);
      if (!pair) {
        if (fallback !== void 0) return fallback;
        fail(ctx, m.get("derivation").value, dp, `a derivation needs '${k}'`);
      }
      const v = scalar(pair.value);
      if (typeof v !== "number" || !(v > 0)) fail(ctx, pair.value, `${dp}.${k}`, `expected a positive number, got ${kind(pair.value)}`);
      return v;
    };
    const chips = num2("chips", 1);
    const cores = num2("cores");
    if (!dm.has("clock")) fail(ctx, m.get("derivation").value, dp, "a derivation needs 'clock' (like 1.2 GHz)");
    const clockGHz = unit(ctx, dm.get("clock").value, `${dp}.clock`, parseClockGHz);
    if (!dm.has("flops-per-cycle")) fail(ctx, m.get("derivation").value, dp, "a derivation needs 'flops-per-cycle', per precision (like { fp32: 2, fp16: 4 })");
    const fm = asMap(ctx, dm.get("flops-per-cycle").value, `${dp}.flops-per-cycle`, PRECISIONS, "FLOPs per cycle per core, per precision");
    for (const [p, pair] of fm) {
      const per = scalar(pair.value);
      if (typeof per !== "number" || !(per > 0)) fail(ctx, pair.value, `${dp}.flops-per-cycle.${p}`, `expected a positive number, got ${kind(pair.value)}`);
      peak[p] = {
        value: chips * clockGHz * 1e9 * cores * per,
        source,
        derivation: { chips, cores, clockGHz, opsPerCyclePerCore: per }
      };
    }
  }
  if (Object.keys(peak).length === 0) fail(ctx, node2, keyPath, "a custom device needs 'peak' (per precision, like { fp16: 10 TFLOPS }) or 'derivation'");
  if (!m.has("bandwidth")) fail(ctx, node2, keyPath, "a custom device needs 'bandwidth' (like 34 GB/s)");
  const device = {
    id,
    name: m.has("name") ? String(scalar(m.get("name").value)) : id,
    class: cls,
    peak,
    bandwidth: { value: unit(ctx, m.get("bandwidth").value, `${keyPath}.bandwidth`, parseBandwidth), source }
  };
  const overrides = {};
  if (m.has("compute-efficiency")) overrides.computeEfficiency = fraction(ctx, m.get("compute-efficiency").value, `${keyPath}.compute-efficiency`);
  if (m.has("memory-efficiency")) overrides.memoryEfficiency = fraction(ctx, m.get("memory-efficiency").value, `${keyPath}.memory-efficiency`);
  if (m.has("kernel-overhead")) overrides.kernelOverhead = unit(ctx, m.get("kernel-overhead").value, `${keyPath}.kernel-overhead`, parseDurationMs) / 1e3;
  void CLASS_EFFICIENCY;
  return { device, overrides, at: pos(ctx, node2) };
}
function parseBudgets(text2, file) {
  const lc = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text2, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const ctx = { file, lc };
  if (doc.errors.length) {
    const e = doc.errors[0];
    const p = e.linePos?.[0] ?? lc.linePos(e.pos[0]);
    const first = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    throw new BudgetFileError(file, p.line, p.col, "", `invalid YAML: ${first}`);
  }
  const root = asMap(ctx, doc.contents, "", KEYS.root, "a budgets file");
  const version = root.get("version");
  if (!version) fail(ctx, doc.contents, "", "missing 'version: 1'");
  if (scalar(version.value) !== 1) fail(ctx, version.value, "version", `expected 1 (the only version this tool reads), got ${kind(version.value)}`);
  const customDevices = [];
  if (root.has("custom-devices")) {
    const node2 = root.get("custom-devices").value;
    if (!(0, import_yaml.isSeq)(node2)) fail(ctx, node2, "custom-devices", `expected a list of devices, got ${kind(node2)}`);
    node2.items.forEach((item, i) => {
      const cd = parseCustomDevice(ctx, item, `custom-devices[${i}]`);
      if (customDevices.some((c) => c.device.id === cd.device.id)) fail(ctx, item, `custom-devices[${i}].id`, `device '${cd.device.id}' is declared twice`);
      customDevices.push(cd);
    });
  }
  const devices = [];
  if (root.has("devices")) {
    const node2 = root.get("devices").value;
    if (!(0, import_yaml.isSeq)(node2)) fail(ctx, node2, "devices", `expected a list of device ids, like [jetson-orin-nano, raspberry-pi-5], got ${kind(node2)}`);
    node2.items.forEach((item, i) => {
      const raw = scalar(item);
      if (typeof raw !== "string") fail(ctx, item, `devices[${i}]`, `expected a device id like jetson-orin-nano, got ${kind(item)}`);
      const id = raw;
      if (!findDevice(id) && !customDevices.some((c) => c.device.id === id)) {
        const hint = closest(id, [...DEVICES.map((d2) => d2.id), ...customDevices.map((c) => c.device.id)]);
        fail(ctx, item, `devices[${i}]`, `unknown device '${id}'${hint.length ? `; did you mean ${hint.map((h) => `'${h}'`).join(" or ")}?` : ""} (\`model-budget devices\` lists the catalog; declare others under custom-devices)`);
      }
      const canonical = findDevice(id)?.id ?? id;
      if (devices.includes(canonical)) fail(ctx, item, `devices[${i}]`, `device '${canonical}' is listed twice`);
      devices.push(canonical);
    });
  }
  for (const c of customDevices) if (!devices.includes(c.device.id)) devices.push(c.device.id);
  const d = { dims: {}, level: "error", minChange: 0, allowMissingWeights: false };
  if (root.has("defaults")) {
    const dm = asMap(ctx, root.get("defaults").value, "defaults", KEYS.defaults, "defaults");
    if (dm.has("dims")) d.dims = dims(ctx, dm.get("dims").value, "defaults.dims");
    if (dm.has("precision")) d.precision = oneOf(ctx, dm.get("precision").value, "defaults.precision", PRECISIONS);
    if (dm.has("level")) d.level = oneOf(ctx, dm.get("level").value, "defaults.level", ["error", "warn"]);
    if (dm.has("min-change")) d.minChange = unit(ctx, dm.get("min-change").value, "defaults.min-change", parsePercent);
    if (dm.has("allow-missing-weights")) d.allowMissingWeights = bool(ctx, dm.get("allow-missing-weights").value, "defaults.allow-missing-weights");
  }
  const modelsPair = root.get("models");
  if (!modelsPair) fail(ctx, doc.contents, "", "missing 'models': list the models to check");
  if (!(0, import_yaml.isSeq)(modelsPair.value) || modelsPair.value.items.length === 0) {
    fail(ctx, modelsPair.value ?? modelsPair.key, "models", `expected a non-empty list of models, got ${kind(modelsPair.value)}`);
  }
  const known = new Set(devices);
  const models = [];
  modelsPair.value.items.forEach((item, i) => {
    const model = parseModel(ctx, item, `models[${i}]`, d, known);
    const twice = models.findIndex((m) => m.path === model.path);
    if (twice >= 0) fail(ctx, item.get("path", true), `models[${i}].path`, `'${model.path}' is already listed as models[${twice}]`);
    models.push(model);
  });
  return { file, version: 1, devices, customDevices, models };
}

// src/budgets/evaluate.ts
var STANDARD = ["params", "gmacs", "gflops", "weights", "peak-memory", "memory-traffic"];
function metricValue(report, metric, device) {
  if (!report) return null;
  const t = report.totals;
  switch (metric) {
    case "params":
      return t.params;
    case "gmacs":
      return t.macs / 1e9;
    case "gflops":
      return t.flops / 1e9;
    case "weights":
      return t.weightBytes;
    case "peak-memory":
      return t.peakActivationBytes;
    case "memory-traffic":
      return t.memoryAccessBytes;
    case "latency":
      return device ? report.latency?.[device]?.ms ?? null : null;
  }
}
var METRIC_LABEL = {
  params: "params",
  gmacs: "GMACs",
  gflops: "GFLOPs",
  weights: "weights",
  "peak-memory": "peak memory",
  "memory-traffic": "memory traffic",
  latency: "latency"
};
function evaluateRow(m, cfg, metric, device, out) {
  const value2 = metricValue(m.report, metric, device);
  const base = m.base ? metricValue(m.base, metric, device) : null;
  let change2 = null;
  if (value2 !== null && base !== null) {
    const delta = value2 - base;
    const percent = base === 0 ? delta === 0 ? 0 : null : 100 * delta / base;
    const below = percent !== null && Math.abs(percent) < m.config.minChange;
    if (delta !== 0 && !below) change2 = { delta, percent };
  }
  const row = { model: m.path, metric, value: value2, base, change: change2, budget: null, usedPercent: null, maxIncrease: null, status: "info", reason: "" };
  if (device) row.device = device;
  const label = `${METRIC_LABEL[metric]}${device ? ` on ${device}` : ""}`;
  const broken = [];
  const passed = [];
  const abs2 = m.config.budgets.find((b) => b.metric === metric && b.device === device);
  if (abs2) {
    row.budget = abs2.max;
    if (value2 === null) broken.push({ level: abs2.level, message: `${label} could not be computed for ${m.path}`, at: abs2.at });
    else {
      row.usedPercent = abs2.max > 0 ? 100 * value2 / abs2.max : null;
      if (value2 > abs2.max) broken.push({ level: abs2.level, message: `${label} of ${m.path} is ${fmt(metric, value2)}, over its budget of ${fmt(metric, abs2.max)}`, at: abs2.at });
      else passed.push("within budget");
    }
  }
  const rel = m.config.maxIncrease.find((r) => r.metric === metric);
  if (rel) {
    row.maxIncrease = rel.percent !== void 0 ? { percent: rel.percent } : { absolute: rel.absolute };
    if (!m.base) passed.push("new model: no baseline to compare");
    else if (value2 !== null && base !== null) {
      const delta = value2 - base;
      const percent = base === 0 ? delta > 0 ? Infinity : 0 : 100 * delta / base;
      const over = rel.percent !== void 0 ? percent > rel.percent : delta > rel.absolute;
      const allowed = rel.percent !== void 0 ? `${rel.percent}%` : fmt(metric, rel.absolute);
      if (over) {
        const by = Number.isFinite(percent) ? `+${percent.toFixed(1)}%` : `from 0 to ${fmt(metric, value2)}`;
        broken.push({ level: rel.level, message: `${label} of ${m.path} grew ${by} (${fmt(metric, base)} \u2192 ${fmt(metric, value2)}), more than the ${allowed} allowed`, at: rel.at });
      } else passed.push(`increase within ${allowed}`);
    } else {
      passed.push(`not compared: no ${value2 === null ? "value" : "baseline value"} for ${label}`);
    }
  }
  for (const b of broken) out.violations.push({ model: m.path, metric, device, level: b.level, message: b.message, file: cfg.file, at: b.at });
  if (broken.some((b) => b.level === "error")) row.status = "fail";
  else if (broken.length) row.status = "warn";
  else if (abs2 || rel) row.status = "pass";
  row.reason = broken.length ? broken.map((b) => b.message).join("; ") : passed.join("; ");
  return row;
}
function fmt(metric, v) {
  const sig = (x) => Number(x.toPrecision(3)).toString();
  const si = (x) => {
    const a = Math.abs(x);
    return a >= 1e12 ? `${sig(x / 1e12)}T` : a >= 1e9 ? `${sig(x / 1e9)}G` : a >= 1e6 ? `${sig(x / 1e6)}M` : a >= 1e3 ? `${sig(x / 1e3)}k` : sig(x);
  };
  switch (metric) {
    case "params":
      return si(v);
    case "gmacs":
    case "gflops":
      return si(v * 1e9);
    case "latency":
      return Math.abs(v) < 0.1 && v !== 0 ? `${sig(v * 1e3)} \xB5s` : `${sig(v)} ms`;
    default:
      return v >= 1e9 ? `${sig(v / 1e9)} GB` : v >= 1e6 ? `${sig(v / 1e6)} MB` : v >= 1e3 ? `${sig(v / 1e3)} kB` : `${sig(v)} B`;
  }
}
function fmtUsed(p) {
  if (p > 0 && p < 1) return "<1%";
  return p >= 99.5 && p < 101 ? `${p.toFixed(1)}%` : `${p.toFixed(0)}%`;
}
function evaluateBudgets(cfg, results) {
  const out = { rows: [], violations: [], passed: true, newModels: [] };
  for (const m of results) {
    if (!m.base) out.newModels.push(m.path);
    for (const metric of STANDARD) out.rows.push(evaluateRow(m, cfg, metric, void 0, out));
    for (const device of cfg.devices) out.rows.push(evaluateRow(m, cfg, "latency", device, out));
  }
  out.passed = !out.violations.some((v) => v.level === "error");
  return out;
}

// src/budgets/glob.ts
function isGlob(pattern) {
  return /[*?{]/.test(pattern);
}
function globBase(pattern) {
  const parts = pattern.split("/");
  const i = parts.findIndex((p) => isGlob(p));
  return (i < 0 ? parts.slice(0, -1) : parts.slice(0, i)).join("/") || ".";
}
function globToRegExp(pattern) {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*") {
      if (pattern[i + 1] === "*") {
        if (pattern[i + 2] === "/") {
          re += "(?:[^/]*/)*";
          i += 2;
        } else {
          re += ".*";
          i += 1;
        }
      } else re += "[^/]*";
    } else if (c === "?") re += "[^/]";
    else if (c === "{") {
      const end = pattern.indexOf("}", i);
      if (end < 0) re += "\\{";
      else {
        re += `(?:${pattern.slice(i + 1, end).split(",").map(escape).join("|")})`;
        i = end;
      }
    } else re += escape(c);
  }
  return new RegExp(`^${re}$`);
}
function escape(s) {
  return s.replace(/[.+^$()|[\]\\]/g, "\\$&");
}

// src/check/run.ts
function readBudgets(path, display) {
  let text2;
  try {
    text2 = readFileSync3(path, "utf8");
  } catch (e) {
    const code2 = e.code;
    throw new InputError(display, code2 === "ENOENT" ? "no such budgets file" : `cannot be read (${code2})`);
  }
  return parseBudgets(text2, display);
}
function configDevices(cfg) {
  return cfg.devices.map((id) => {
    const custom = cfg.customDevices.find((c) => c.device.id === id);
    if (custom) return deviceModel(custom.device, custom.overrides);
    return deviceModel(findDevice(id));
  });
}
var SKIP_DIRS = /* @__PURE__ */ new Set([".git", "node_modules"]);
function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(join2(dir, e.name), out);
    } else if (e.isFile()) out.push(join2(dir, e.name));
  }
}
function inside(root, path) {
  const rel = relative2(root, path);
  return rel === "" || !rel.startsWith(`..${sep2}`) && rel !== ".." && !isAbsolute2(rel);
}
var posix = (p) => p.split(sep2).join("/");
function expandModelPaths(cfg, model, budgetsDir, root, mustExist = true) {
  const err = (detail) => new BudgetFileError(cfg.file, model.pathAt.line, model.pathAt.column, `models[${cfg.models.indexOf(model)}].path`, detail);
  const target = resolve2(budgetsDir, model.path);
  if (isAbsolute2(model.path) || !inside(root, isGlob(model.path) ? resolve2(budgetsDir, globBase(model.path)) : target)) {
    throw err(`'${model.path}' is outside the repository (${root}); model paths are relative to the budgets file and stay inside the repository`);
  }
  if (!isGlob(model.path)) {
    if (!existsSync(target)) {
      if (!mustExist) return [];
      throw err(`'${model.path}' does not exist`);
    }
    if (statSync2(target).isDirectory()) throw err(`'${model.path}' is a folder; name the model file or use a glob like '${posix(model.path)}/*.onnx'`);
    return [target];
  }
  const base = resolve2(budgetsDir, globBase(model.path));
  const re = globToRegExp(posix(relative2(budgetsDir, resolve2(budgetsDir, model.path))));
  const files = [];
  walk(base, files);
  const matched = files.filter((f) => re.test(posix(relative2(budgetsDir, f)))).sort();
  if (matched.length === 0 && mustExist) throw err(`glob '${model.path}' matches no file`);
  return matched;
}
function analyzeConfig(cfg, budgetsPath, root, devices, options) {
  const budgetsDir = dirname3(budgetsPath);
  const entries = [];
  if (options.modelsGlob) {
    const re = globToRegExp(posix(options.modelsGlob));
    const files = [];
    walk(resolve2(root, globBase(options.modelsGlob)), files);
    const matched = files.filter((f) => re.test(posix(relative2(root, f)))).sort();
    if (matched.length === 0 && options.mustExist) throw new InputError(options.modelsGlob, "the models glob matches no file");
    for (const f of matched) entries.push({ model: cfg.models[0], file: f });
  } else {
    for (const model of cfg.models) for (const file of expandModelPaths(cfg, model, budgetsDir, root, options.mustExist)) entries.push({ model, file });
  }
  const seen = /* @__PURE__ */ new Map();
  const out = [];
  for (const { model, file } of entries) {
    const path = posix(relative2(options.displayRoot ?? root, file));
    if (seen.has(path)) {
      if (seen.get(path) === model) continue;
      throw new BudgetFileError(cfg.file, model.pathAt.line, model.pathAt.column, `models[${cfg.models.indexOf(model)}].path`, `'${path}' is also matched by an earlier entry ('${seen.get(path).path}'): a model is listed twice`);
    }
    seen.set(path, model);
    const report = analyzeFile(file, { dims: model.dims, allowMissingWeights: model.allowMissingWeights, displayPath: path });
    out.push({ model, path, report: withLatency(report, devices, { precision: model.precision }) });
  }
  return out;
}
function runCheck(options) {
  const root = resolve2(options.root);
  const display = posix(relative2(root, options.budgetsPath)) || options.budgetsPath;
  const cfg = readBudgets(options.budgetsPath, display);
  const devices = configDevices(cfg);
  const analysed = analyzeConfig(cfg, options.budgetsPath, root, devices, { mustExist: true, modelsGlob: options.modelsGlob });
  const baseBy = new Map((options.baseline?.models ?? []).map((m) => [m.path, m]));
  const results = analysed.map((a) => ({
    config: a.model,
    path: a.path,
    report: a.report,
    base: baseBy.get(a.path) ?? null,
    ...options.baseline && !baseBy.has(a.path) ? { baseNote: options.baselineNotes?.get(a.path) ?? "new in this change" } : {}
  }));
  const evaluation = evaluateBudgets(cfg, results);
  const comparisons = results.map((r) => compareModel(r.path, r.base ?? void 0, r.report));
  const headPaths = new Set(results.map((r) => r.path));
  const removedModels = [...baseBy.keys()].filter((p) => !headPaths.has(p));
  const head = { schemaVersion: SCHEMA_VERSION, tool: { name: TOOL_NAME, version: VERSION }, models: results.map((r) => r.report) };
  return {
    config: cfg,
    results,
    evaluation,
    violations: evaluation.violations,
    comparisons,
    removedModels,
    json: {
      schemaVersion: SCHEMA_VERSION,
      tool: { name: TOOL_NAME, version: VERSION },
      budgets: display,
      passed: evaluation.passed,
      rows: evaluation.rows,
      violations: evaluation.violations,
      newModels: evaluation.newModels,
      removedModels,
      head,
      base: options.baseline ?? null,
      comparisons
    }
  };
}

// src/check/markdown.ts
function changeIcon(percent, isNew = false) {
  if (isNew) return "\u{1F195}";
  if (percent === null) return "";
  if (percent >= 50) return "\u{1F198}";
  if (percent >= 20) return "\u{1F6A8}";
  if (percent >= 10) return "\u26A0\uFE0F";
  if (percent >= 5) return "\u{1F50D}";
  if (percent > 0) return "\u{1F53A}";
  if (percent <= -50) return "\u{1F3C6}";
  if (percent <= -20) return "\u{1F389}";
  if (percent <= -10) return "\u{1F44F}";
  if (percent < 0) return "\u2705";
  return "";
}
var STATUS_ICON = { pass: "\u2705", warn: "\u26A0\uFE0F", fail: "\u274C", info: "" };
function metricCell(r) {
  return r.device ? `${METRIC_LABEL[r.metric]} ${escapeMarkdownCode(r.device, { table: true })}` : METRIC_LABEL[r.metric];
}
function value(metric, v) {
  return v === null ? "\u2013" : fmt(metric, v);
}
function changeCell(r, isNew) {
  if (isNew) return "\u{1F195} new";
  if (!r.change) return r.base === null ? "" : "=";
  const sign2 = r.change.delta > 0 ? "+" : "\u2212";
  const pct3 = r.change.percent === null ? "" : ` (${r.change.delta > 0 ? "+" : "\u2212"}${Math.abs(r.change.percent).toFixed(Math.abs(r.change.percent) < 10 ? 1 : 0)}%)`;
  return `${sign2}${fmt(r.metric, Math.abs(r.change.delta))}${pct3} ${changeIcon(r.change.percent)}`.trim();
}
function budgetCell(r) {
  const parts = [];
  if (r.budget !== null) parts.push(`\u2264 ${fmt(r.metric, r.budget)}`);
  if (r.maxIncrease) parts.push(r.maxIncrease.percent !== void 0 ? `+${r.maxIncrease.percent}% max` : `+${fmt(r.metric, r.maxIncrease.absolute)} max`);
  return parts.join(", ");
}
function renderCheckMarkdown(outcome, options) {
  const { evaluation, results } = outcome;
  const errors = outcome.violations.filter((v) => v.level === "error").length;
  const warns = outcome.violations.length - errors;
  const out = [];
  const headline = errors ? `\u274C model-budget: ${errors} budget${errors === 1 ? "" : "s"} broken${warns ? `, ${warns} warning${warns === 1 ? "" : "s"}` : ""}` : warns ? `\u26A0\uFE0F model-budget: all error budgets pass, ${warns} warning${warns === 1 ? "" : "s"}` : "\u2705 model-budget: all budgets pass";
  out.push(`### ${headline}`);
  const sub2 = [
    `${results.length} model${results.length === 1 ? "" : "s"}`,
    escapeMarkdown(outcome.json.budgets, { max: 200 }),
    options.baselineNote ? escapeMarkdown(options.baselineNote, { max: 200 }) : "no baseline"
  ];
  out.push(`<sub>${sub2.join(" \xB7 ")}</sub>`, "");
  for (const r of results) {
    const rows = evaluation.rows.filter((x) => x.model === r.path);
    const isNew = outcome.json.base !== null && r.base === null;
    out.push(`#### ${escapeMarkdownCode(r.path)}${isNew ? " \u{1F195}" : ""}`);
    if (isNew && r.baseNote) out.push(`<sub>${escapeMarkdown(r.baseNote, { max: 300 })}</sub>`);
    out.push("", "| metric | base | PR | change | budget | used | status |", "| --- | --: | --: | --: | --: | --: | :-: |");
    for (const row of rows) {
      if (row.status === "info" && !row.change && !isNew && !options.full) continue;
      out.push(
        `| ${metricCell(row)} | ${isNew ? "\u2013" : value(row.metric, row.base)} | ${value(row.metric, row.value)} | ${changeCell(row, isNew)} | ${budgetCell(row)} | ${row.usedPercent === null ? "" : fmtUsed(row.usedPercent)} | ${STATUS_ICON[row.status]} |`
      );
    }
    const cmp = outcome.comparisons.find((c) => c.path === r.path);
    const changed = cmp?.nodes ?? [];
    if (changed.length) {
      const top = options.topLayers ?? 15;
      out.push("", `<details><summary>Layers whose cost changed (${changed.length})</summary>`, "");
      out.push("| layer | op | FLOPs base | FLOPs PR | change | params change |", "| --- | --- | --: | --: | --: | --: |");
      for (const n of changed.slice(0, top)) {
        const pct3 = n.flops.percent === null ? "" : ` (${n.flops.percent > 0 ? "+" : n.flops.percent < 0 ? "\u2212" : ""}${Math.abs(n.flops.percent).toFixed(0)}%)`;
        const delta = n.flops.delta ?? 0;
        out.push(
          `| ${escapeMarkdownCode(n.name, { table: true, max: 80 })} | ${escapeMarkdownCode(n.opType, { table: true, max: 40 })} | ${n.status === "added" ? "new" : fmt("params", n.flops.base ?? 0)} | ${n.status === "removed" ? "removed" : fmt("params", n.flops.head ?? 0)} | ${delta > 0 ? "+" : delta < 0 ? "\u2212" : ""}${fmt("params", Math.abs(delta))}${pct3} | ${n.params.delta ? `${n.params.delta > 0 ? "+" : "\u2212"}${fmt("params", Math.abs(n.params.delta))}` : ""} |`
        );
      }
      if (changed.length > top) out.push("", `\u2026and ${changed.length - top} more.`);
      out.push("", "</details>");
    }
    out.push("");
  }
  if (outcome.removedModels.length) {
    out.push(`**Removed in this change:** ${outcome.removedModels.map((p) => escapeMarkdownCode(p)).join(", ")}`, "");
  }
  if (outcome.violations.length) {
    out.push("**Broken budgets**", "");
    for (const v of outcome.violations) {
      out.push(`- ${v.level === "error" ? "\u274C" : "\u26A0\uFE0F"} ${escapeMarkdown(v.message, { max: 400 })} (${escapeMarkdown(`${v.file}:${v.at.line}`)})`);
    }
    out.push("");
  }
  if (options.full) {
    out.push("---", "");
    out.push(renderAnalyzeMarkdown(outcome.json.head, { title: "Full analysis", headingLevel: 4 }));
  }
  out.push(
    `<sub>model-budget ${escapeMarkdown(options.version)} \xB7 static figures from the graph (deterministic, no device needed); latency is a roofline estimate \xB7 MACs: one multiply-add = 1</sub>`
  );
  return out.join("\n") + "\n";
}

// src/cli/check.ts
import { existsSync as existsSync2 } from "node:fs";
import { dirname as dirname4, join as join3, resolve as resolve3 } from "node:path";
function repoRoot(budgetsPath) {
  let dir = dirname4(resolve3(budgetsPath));
  for (; ; ) {
    if (existsSync2(join3(dir, ".git"))) return dir;
    const up = dirname4(dir);
    if (up === dir) return dirname4(resolve3(budgetsPath));
    dir = up;
  }
}
var STATUS = { pass: "pass", warn: "WARN", fail: "FAIL", info: "" };
function renderCheckText(outcome) {
  const rows = outcome.evaluation.rows.filter((r) => r.status !== "info" || r.change).map((r) => {
    const isNew = outcome.json.base !== null && !outcome.results.find((m) => m.path === r.model)?.base;
    return [
      r.model,
      `${METRIC_LABEL[r.metric]}${r.device ? ` ${r.device}` : ""}`,
      r.value === null ? "?" : fmt(r.metric, r.value),
      isNew ? "new" : r.base === null ? "" : fmt(r.metric, r.base),
      r.change ? `${r.change.delta > 0 ? "+" : "-"}${fmt(r.metric, Math.abs(r.change.delta))} ${formatPercent(r.change.percent)}`.trim() : "",
      [r.budget !== null ? fmt(r.metric, r.budget) : "", r.maxIncrease ? r.maxIncrease.percent !== void 0 ? `+${r.maxIncrease.percent}%` : `+${fmt(r.metric, r.maxIncrease.absolute)}` : ""].filter(Boolean).join(", "),
      r.usedPercent === null ? "" : fmtUsed(r.usedPercent),
      STATUS[r.status]
    ];
  });
  const out = [];
  out.push(textTable(["model", "metric", "value", "baseline", "change", "budget", "used", "status"], rows, [false, false, true, true, true, true, true, false]));
  if (outcome.removedModels.length) out.push("", `removed since the baseline: ${outcome.removedModels.join(", ")}`);
  const errors = outcome.violations.filter((v) => v.level === "error");
  const warns = outcome.violations.filter((v) => v.level === "warn");
  if (outcome.violations.length) {
    out.push("");
    for (const v of outcome.violations) out.push(`${v.file}:${v.at.line}:${v.at.column}: ${v.level}: ${v.message}`);
  }
  out.push("");
  out.push(
    errors.length ? `FAILED: ${errors.length} budget(s) broken${warns.length ? `, ${warns.length} warning(s)` : ""}` : `passed${warns.length ? ` with ${warns.length} warning(s)` : ""}: ${outcome.results.length} model(s), ${outcome.evaluation.rows.filter((r) => r.status !== "info").length} budget(s) checked`
  );
  return out.join("\n") + "\n";
}

// src/cli/main.ts
import { resolve as resolve4 } from "node:path";
var USAGE = `usage: ${TOOL_NAME} <command> [options]

commands:
  analyze <model.onnx...>   params, MACs/FLOPs, memory and shapes of each model
  check --budgets FILE      evaluate a budgets file: exit 0 pass, 1 an error budget broken
  devices                   the device catalog (peaks, bandwidth, sources)
  compare <base.json> <head.json>
                            diff two saved reports, totals and node by node

analyze options:
  --dims k=v[,k=v...]       bind symbolic dims, e.g. --dims batch=1,sequence=128 (others default to 1)
  --device id[,id...]       add a roofline latency estimate per device (see \`devices\`)
  --precision p             the precision the deployment runs at (fp32, fp16, bf16, int8, ...);
                            default: each node's input dtypes
  --format text|json|markdown|html
                            output format (default text); html embeds a roofline chart per device
  --output FILE             write the report to FILE (atomically) instead of stdout
  --top N                   layers shown in the text table (default 15)
  --allow-missing-weights   analyse graphs whose external weight files are absent

check options:
  --budgets FILE            the budgets file (default budgets.yml)
  --baseline REPORT         a saved report (analyze or check --format json) to compare with
  --format text|json|markdown
  --output FILE             write the report to FILE (atomically) instead of stdout

devices options:
  --format text|json

compare options:
  --format text|json        output format (default text)
  --top N                   changed layers shown per model (default 10)

  -h, --help                this help
  -v, --version             the version
`;
function parseDims(spec) {
  const dims2 = {};
  for (const part of (spec ?? []).flatMap((s) => s.split(","))) {
    if (!part.trim()) continue;
    const m = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(part);
    if (!m) throw new UsageError(`--dims: '${part}' is not name=value`);
    const value2 = Number(m[2]);
    if (!Number.isInteger(value2) || value2 < 1 || value2 > 2 ** 31) {
      throw new UsageError(`--dims: '${m[1]}' must be a whole number from 1 to 2^31, got '${m[2]}'`);
    }
    dims2[m[1]] = value2;
  }
  return dims2;
}
function analyzeCommand(args, io) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      dims: { type: "string", multiple: true },
      format: { type: "string", default: "text" },
      output: { type: "string" },
      top: { type: "string" },
      device: { type: "string", multiple: true },
      precision: { type: "string" },
      "allow-missing-weights": { type: "boolean", default: false }
    }
  });
  if (positionals.length === 0) throw new UsageError("analyze: give at least one model file");
  const format = values.format;
  if (!["text", "json", "markdown", "html"].includes(format)) {
    throw new UsageError(`--format must be text, json, markdown or html, got '${format}'`);
  }
  const top = values.top === void 0 ? void 0 : Number(values.top);
  if (top !== void 0 && (!Number.isInteger(top) || top < 0)) throw new UsageError(`--top must be a whole number, got '${values.top}'`);
  const dims2 = parseDims(values.dims);
  const devices = resolveDevices((values.device ?? []).flatMap((d) => d.split(",")).map((d) => d.trim()).filter(Boolean));
  const precision = parsePrecision(values.precision);
  const report = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: VERSION },
    models: positionals.map(
      (p) => withLatency(analyzeFile(p, { dims: dims2, allowMissingWeights: values["allow-missing-weights"] }), devices, { precision })
    )
  };
  const text2 = format === "json" ? JSON.stringify(report, null, 2) + "\n" : format === "markdown" ? renderAnalyzeMarkdown(report, { top }) : format === "html" ? renderHtml(report, { devices, top }) : renderAnalyzeText(report, { top });
  if (values.output) writeFileAtomic(values.output, text2);
  else io.stdout(text2);
  return 0;
}
var PRECISIONS2 = ["fp64", "fp32", "tf32", "fp16", "bf16", "fp8", "int8", "int4"];
function parsePrecision(p) {
  if (p === void 0) return void 0;
  if (!PRECISIONS2.includes(p)) throw new UsageError(`--precision must be one of ${PRECISIONS2.join(", ")}, got '${p}'`);
  return p;
}
function checkCommand(args, io) {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      budgets: { type: "string", default: "budgets.yml" },
      baseline: { type: "string" },
      format: { type: "string", default: "text" },
      output: { type: "string" }
    }
  });
  if (positionals.length) throw new UsageError(`check takes no positional arguments, got '${positionals[0]}' (use --budgets FILE)`);
  if (!["text", "json", "markdown"].includes(values.format)) throw new UsageError(`--format must be text, json or markdown, got '${values.format}'`);
  const budgetsPath = resolve4(values.budgets);
  const baseline = values.baseline ? readReportFile(values.baseline) : null;
  const outcome = runCheck({ budgetsPath, root: repoRoot(budgetsPath), baseline });
  const note = values.baseline ? `compared with ${values.baseline}` : void 0;
  const text2 = values.format === "json" ? JSON.stringify(outcome.json, null, 2) + "\n" : values.format === "markdown" ? renderCheckMarkdown(outcome, { version: VERSION, baselineNote: note, full: true }) : renderCheckText(outcome);
  if (values.output) writeFileAtomic(values.output, text2);
  else io.stdout(text2);
  return outcome.evaluation.passed ? 0 : 1;
}
function compareCommand(args, io) {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: { format: { type: "string", default: "text" }, top: { type: "string" } }
  });
  if (positionals.length !== 2) throw new UsageError("compare: give two reports, base.json head.json");
  if (values.format !== "text" && values.format !== "json") throw new UsageError(`--format must be text or json, got '${values.format}'`);
  const top = values.top === void 0 ? void 0 : Number(values.top);
  if (top !== void 0 && (!Number.isInteger(top) || top < 0)) throw new UsageError(`--top must be a whole number, got '${values.top}'`);
  const cmp = compareReports(readReportFile(positionals[0]), readReportFile(positionals[1]));
  io.stdout(values.format === "json" ? JSON.stringify(cmp, null, 2) + "\n" : renderComparisonText(cmp, { top }));
  return 0;
}
function devicesCommand(args, io) {
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { format: { type: "string", default: "text" } } });
  if (positionals.length) throw new UsageError(`devices takes no arguments, got '${positionals[0]}'`);
  if (values.format !== "text" && values.format !== "json") throw new UsageError(`--format must be text or json, got '${values.format}'`);
  io.stdout(values.format === "json" ? JSON.stringify(devicesJson(), null, 2) + "\n" : renderDevicesText());
  return 0;
}
function main(argv, io) {
  try {
    const [command, ...rest] = argv;
    if (!command || command === "-h" || command === "--help" || command === "help") {
      io.stdout(USAGE);
      return command ? 0 : 2;
    }
    if (command === "-v" || command === "--version") {
      io.stdout(`${VERSION}
`);
      return 0;
    }
    switch (command) {
      case "analyze":
        return analyzeCommand(rest, io);
      case "devices":
        return devicesCommand(rest, io);
      case "compare":
        return compareCommand(rest, io);
      case "check":
        return checkCommand(rest, io);
      default:
        throw new UsageError(`unknown command '${command}' (try --help)`);
    }
  } catch (e) {
    if (e instanceof InputError || e instanceof UsageError || e instanceof BudgetFileError) {
      io.stderr(`${TOOL_NAME}: ${e.message}
`);
      return 2;
    }
    if (e instanceof Error && e.code?.startsWith("ERR_PARSE_ARGS")) {
      io.stderr(`${TOOL_NAME}: ${e.message}
`);
      return 2;
    }
    throw e;
  }
}

// src/cli.ts
process.exitCode = main(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t)
});
