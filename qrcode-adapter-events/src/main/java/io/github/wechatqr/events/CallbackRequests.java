package io.github.wechatqr.events;

import io.github.wechatqr.domain.QueryParameters;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Jetty handler of a {@link CallbackServer}. It never blocks: it checks the path and the declared
 * length, reads the body as it arrives (a body over the limit is answered 413 without reading on), and
 * only then hands the whole request to a worker, which runs {@link WeChatCallbackHandler#handle} (and so
 * the listener) and writes the answer. A full worker queue is answered 503 at once.
 */
final class CallbackRequests extends Handler.Abstract.NonBlocking {
  private static final Logger LOG = LoggerFactory.getLogger(CallbackRequests.class);
  static final CallbackResponse NOT_FOUND = new CallbackResponse(404, "not found");
  static final CallbackResponse BUSY =
      new CallbackResponse(503, "too many requests waiting; deliver it again later");
  static final CallbackResponse BAD_QUERY = new CallbackResponse(400, "malformed query string");

  private final String path;
  private final WeChatCallbackHandler handler;
  private final Executor workers;
  private final RequestDeadlines deadlines;

  CallbackRequests(String path, WeChatCallbackHandler handler, Executor workers, RequestDeadlines deadlines) {
    this.path = path;
    this.handler = handler;
    this.workers = workers;
    this.deadlines = deadlines;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    HttpURI uri = request.getHttpURI();
    // Exactly the configured path, as sent: no prefix, no dot segments, no encoded or ;-parameters.
    if (!path.equals(uri.getPath()) || !path.equals(uri.getCanonicalPath())) {
      answer(request, response, callback, NOT_FOUND);
      return true;
    }
    Map<String, String> query;
    try {
      query = QueryParameters.decode(uri.getQuery());
    } catch (IllegalArgumentException e) {
      answer(request, response, callback, BAD_QUERY);
      return true;
    }
    int max = handler.maxBodyBytes();
    long declared = request.getLength();
    if (declared > max) {
      // Refused on the header alone; the connection is closed after the answer, the body never read.
      answer(request, response, callback, CallbackPipeline.tooLarge(max));
      return true;
    }
    new Body(request, response, callback, query, max, declared).read();
    return true;
  }

  /** Reads the body chunk by chunk as it arrives, up to the limit plus one byte, then dispatches. */
  private final class Body implements Runnable {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final Map<String, String> query;
    private final int max;
    private byte[] bytes;
    private int size;

    Body(Request request, Response response, Callback callback, Map<String, String> query, int max,
        long declared) {
      this.request = request;
      this.response = response;
      this.callback = callback;
      this.query = query;
      this.max = max;
      this.bytes = new byte[declared >= 0 ? (int) declared : Math.min(max + 1, 8192)];
    }

    /** Demand calls back here when more has arrived. */
    @Override
    public void run() {
      read();
    }

    void read() {
      while (true) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          request.demand(this);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          // The connection failed or was ended by its deadline: nobody is left to answer.
          callback.failed(chunk.getFailure());
          return;
        }
        int n = chunk.remaining();
        if (size + (long) n > max) {
          chunk.release();
          answer(request, response, callback, CallbackPipeline.tooLarge(max));
          return;
        }
        if (size + n > bytes.length) {
          bytes = Arrays.copyOf(bytes, Math.min(max + 1, Math.max(size + n, 2 * bytes.length)));
        }
        chunk.get(bytes, size, n);
        size += n;
        boolean last = chunk.isLast();
        chunk.release();
        if (last) {
          dispatch(Arrays.copyOf(bytes, size));
          return;
        }
      }
    }

    private void dispatch(byte[] body) {
      deadlines.disarm(request.getConnectionMetaData().getConnection());
      try {
        workers.execute(() -> {
          CallbackResponse answer;
          try {
            answer = handler.handle(request.getMethod(), query, body);
          } catch (Throwable e) { // handle() throws nothing; if it ever did, the request is answered
            LOG.error("the callback handler failed; answered 500", e);
            answer = CallbackPipeline.FAILED;
          }
          answer(request, response, callback, answer);
        });
      } catch (RejectedExecutionException e) {
        LOG.warn("every worker is busy and the queue of complete requests is full; answered 503 so WeChat"
            + " delivers the push again");
        answer(request, response, callback, BUSY);
      }
    }
  }

  private static void answer(Request request, Response response, Callback callback, CallbackResponse answer) {
    byte[] bytes = answer.bodyBytes();
    response.setStatus(answer.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, CallbackResponse.CONTENT_TYPE);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }
}
