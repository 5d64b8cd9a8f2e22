package org.jiedao.hub.routes.exchange;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.jiedao.hub.loaders.normalise.IdNumber;

/**
 * What the exchange tests share: a connection to the real RabbitMQ of 127.0.0.1:5672 (guest), valid ID numbers, and
 * a record of the bundled inbound source {@code civilaffairs-partner} (a disability certificate).
 */
public final class PartnerFixtures {
    private PartnerFixtures() {
    }

    /**
     * @return a new connection to the local broker; the caller closes it
     * @throws Exception if the broker cannot be reached
     */
    public static Connection rabbit() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(5672);
        f.setUsername("guest");
        f.setPassword("guest");
        return f.newConnection();
    }

    /**
     * @param first17 the first 17 characters of an 18-character ID number
     * @return the ID number with its check character (GB 11643-1999)
     */
    public static String id(String first17) {
        return first17 + IdNumber.checkCharacter(first17);
    }

    /**
     * @param number   the certificate number
     * @param idNumber the holder's ID number
     * @param name     the holder's name
     * @return one record of the civilaffairs-partner source, as JSON text
     */
    public static String certificate(String number, String idNumber, String name) {
        return """
                {"certificateNumber": "%s", "holderName": "%s", "holderIdNumber": "%s", "category": "肢体残疾",
                 "level": "二级", "issuedOn": "2024-03-01", "expiresOn": "2034-02-28"}""".formatted(number, name, idNumber);
    }
}
