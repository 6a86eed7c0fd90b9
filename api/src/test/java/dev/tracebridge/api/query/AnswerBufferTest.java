package dev.tracebridge.api.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnswerBufferTest {
  @Test
  void bytesWrittenInPieces_writtenOutInOrder() throws Exception {
    byte[] answer = new byte[600_000];
    new Random(11).nextBytes(answer);
    AnswerBuffer buffer = AnswerBuffer.forThisThread();
    try {
      buffer.write(answer[0]);
      for (int at = 1; at < answer.length; at += 7_001) {
        buffer.write(answer, at, Math.min(7_001, answer.length - at));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      buffer.writeTo(out);

      assertThat(buffer.length()).isEqualTo(answer.length);
      assertThat(out.toByteArray()).isEqualTo(answer);
    } finally {
      buffer.release();
    }
  }

  @Test
  void nextAnswerOnTheThread_startsEmptyInTheSameArray() {
    AnswerBuffer first = AnswerBuffer.forThisThread();
    first.write(new byte[1_000], 0, 1_000);
    byte[] array = first.array();
    first.release();

    AnswerBuffer second = AnswerBuffer.forThisThread();
    try {
      assertThat(second.length()).isZero();
      assertThat(second.array()).isSameAs(array);
    } finally {
      second.release();
    }
  }

  @Test
  void bufferGrownPastTheRetainedSize_isNotKept() {
    AnswerBuffer large = AnswerBuffer.forThisThread();
    byte[] chunk = new byte[64 * 1024];
    while (large.length() <= AnswerBuffer.RETAINED_BYTES) large.write(chunk, 0, chunk.length);
    large.release();

    AnswerBuffer next = AnswerBuffer.forThisThread();
    try {
      assertThat(next.array().length).isLessThanOrEqualTo(AnswerBuffer.RETAINED_BYTES);
    } finally {
      next.release();
    }
  }

  @Test
  void secondUseBeforeRelease_isRefused() {
    AnswerBuffer buffer = AnswerBuffer.forThisThread();
    try {
      assertThatThrownBy(AnswerBuffer::forThisThread).isInstanceOf(IllegalStateException.class);
    } finally {
      buffer.release();
    }
  }

  @Test
  void otherThreads_getTheirOwnBuffer() throws Exception {
    AnswerBuffer mine = AnswerBuffer.forThisThread();
    try {
      byte[][] theirs = new byte[1][];
      Thread other = new Thread(() -> {
        AnswerBuffer buffer = AnswerBuffer.forThisThread();
        theirs[0] = buffer.array();
        buffer.release();
      });
      other.start();
      other.join();

      assertThat(theirs[0]).isNotNull().isNotSameAs(mine.array());
    } finally {
      mine.release();
    }
  }

  @Test
  void sliceOutsideTheSource_isRefusedAndNothingWritten() {
    AnswerBuffer buffer = AnswerBuffer.forThisThread();
    try {
      assertThatThrownBy(() -> buffer.write(new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
      assertThat(buffer.length()).isZero();
    } finally {
      buffer.release();
    }
  }
}
