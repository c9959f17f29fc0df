import type { Page } from 'playwright-core';

/**
 * Evaluates `expression` in a fresh isolated world of the page's main frame (over DevTools) and
 * returns its value. An isolated world has its own builtins, so a page that broke its own can
 * still be read, and it is where content scripts run (the benchmarks' isolated floor).
 */
export async function evaluateIsolated<T>(page: Page, worldName: string, expression: string): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    const { executionContextId } = (await cdp.send('Page.createIsolatedWorld', {
      frameId: frameTree.frame.id,
      worldName,
    })) as { executionContextId: number };
    const { result } = (await cdp.send('Runtime.evaluate', {
      contextId: executionContextId,
      expression,
      returnByValue: true,
    })) as { result: { value: T } };
    return result.value;
  } finally {
    await cdp.detach();
  }
}
