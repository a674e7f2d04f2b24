// jsdom has no layout, so no scrolling: components call scrollIntoView to keep the selection
// in view, which is a no-op here.
if (typeof Element !== 'undefined' && !Element.prototype.scrollIntoView) {
  Element.prototype.scrollIntoView = function scrollIntoView() {};
}
