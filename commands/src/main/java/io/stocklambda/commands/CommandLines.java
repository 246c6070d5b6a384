package io.stocklambda.commands;

import com.github.rvesse.airline.HelpOption;
import com.github.rvesse.airline.annotations.AirlineModule;
import com.github.rvesse.airline.annotations.Option;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

/**
 * Renders parsed options back into arguments, reading the same {@link Option} annotations airline
 * parses with, so a command line and its parse can never disagree on a name.
 */
public final class CommandLines {

  private CommandLines() {}

  /**
   * The options of {@code options} that have a value, superclass fields first, then in declaration
   * order: {@code --name value} for a value (each element of a collection repeats the option), the
   * name alone for a flag that is set; nothing for null or an unset flag. {@link AirlineModule}
   * fields are rendered in place, except {@code --help}.
   *
   * @throws IllegalStateException if a field cannot be read (a bug in an options class)
   */
  public static List<String> options(Object options) {
    List<String> args = new ArrayList<>();
    Deque<Class<?>> hierarchy = new ArrayDeque<>();
    for (Class<?> c = options.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      hierarchy.push(c);
    }
    for (Class<?> c : hierarchy) {
      for (Field field : c.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        Option option = field.getAnnotation(Option.class);
        boolean module =
            field.isAnnotationPresent(AirlineModule.class)
                && !HelpOption.class.isAssignableFrom(field.getType());
        if (option == null && !module) {
          continue;
        }
        Object value = read(field, options);
        if (value == null) {
          continue;
        }
        if (module) {
          args.addAll(options(value));
        } else if (value instanceof Boolean flag) {
          if (flag) {
            args.add(option.name()[0]);
          }
        } else if (value instanceof Collection<?> values) {
          for (Object v : values) {
            args.add(option.name()[0]);
            args.add(String.valueOf(v));
          }
        } else {
          args.add(option.name()[0]);
          args.add(String.valueOf(value));
        }
      }
    }
    return args;
  }

  private static Object read(Field field, Object target) {
    try {
      field.setAccessible(true);
      return field.get(target);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("cannot read option field " + field, e);
    }
  }
}
